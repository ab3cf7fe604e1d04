"""Generated sample data: French letters with ground truth and the demo sample intake."""
