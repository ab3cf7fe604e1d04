"""The operations dashboard ("tableau de bord"), served by the web app under ``/dashboard``."""
