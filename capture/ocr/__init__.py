"""capture/ocr"""
