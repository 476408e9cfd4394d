"""normalizers: typed values (numbers, money, dates, comparisons, contacts, document
numbers, titles) read from Chinese official writing. Every finder returns
``shenbao.models.Span`` objects with offsets into the string it was given."""

from shenbao.normalizers.contacts import find_emails, find_phones, is_valid_phone, normalize_phone
from shenbao.normalizers.dates import (
    age_at,
    days_inclusive,
    find_date_ranges,
    find_dates,
    month_end,
    parse_date,
    parse_date_range,
    parse_period,
)
from shenbao.normalizers.docnumber import find_doc_number, find_doc_numbers, normalize_doc_number
from shenbao.normalizers.money import find_money, parse_money
from shenbao.normalizers.numerals import find_numbers, parse_number
from shenbao.normalizers.quantities import find_comparisons, open_ended, parse_comparison
from shenbao.normalizers.text import compact, fold_width, normalize_text
from shenbao.normalizers.titles import meets_title, normalize_title, title_rank

__all__ = [
    "age_at", "compact", "days_inclusive", "find_comparisons", "find_date_ranges", "find_dates",
    "find_doc_number", "find_doc_numbers", "find_emails", "find_money", "find_numbers", "find_phones",
    "fold_width", "is_valid_phone", "meets_title", "month_end", "normalize_doc_number", "normalize_phone",
    "normalize_text", "normalize_title", "open_ended", "parse_comparison", "parse_date", "parse_date_range",
    "parse_money", "parse_period", "parse_number", "title_rank",
]
