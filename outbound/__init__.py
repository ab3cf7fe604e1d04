"""Outbound: acknowledgements to members, suggested answers, case events to other tools.

See README.md beside this file for the settings, the store layout and a worked
helpdesk example.
"""

from outbound.answers import SuggestedAnswer, suggest_answer, suggested_answer, suggested_answers
from outbound.config import OutboundConfig, SmtpConfig, WebhookConfig, from_settings
from outbound.stage import OutboundHandler

__all__ = [
    "OutboundConfig", "OutboundHandler", "SmtpConfig", "SuggestedAnswer", "WebhookConfig", "from_settings",
    "suggest_answer", "suggested_answer", "suggested_answers",
]
