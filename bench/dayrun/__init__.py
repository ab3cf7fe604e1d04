"""The parts of the seed-day benchmark (bench/day.py): the day, the OCR floor, the workers,
the phases and their figures."""
