//! The condition operators.

use flow_executor::conditions::{UnknownOperator, evaluate, parse_number};

#[test]
fn operators_table() {
    let cases = [
        ("Equals", "5", "5", true),
        ("Equals", "05", "5", false),
        ("Equals", "Gold", "gold", false),
        ("Equals", "", "", true),
        ("TextStartsWith", "+44 20", "+44", true),
        ("TextStartsWith", "44", "+44", false),
        ("TextEndsWith", "report.pdf", ".pdf", true),
        ("TextEndsWith", "report.PDF", ".pdf", false),
        ("TextContains", "billing-support", "support", true),
        ("TextContains", "billing", "Bill", false),
        ("NumberGreaterThan", "10", "9", true),
        ("NumberGreaterThan", "9", "10", false),
        ("NumberGreaterThan", "5", "5", false),
        ("NumberGreaterThan", "abc", "1", false),
        ("NumberGreaterThan", "1", "abc", false),
        ("NumberGreaterOrEqualTo", "05", "5", true),
        ("NumberGreaterOrEqualTo", "4.99", "5", false),
        ("NumberLessThan", "-3", "0", true),
        ("NumberLessThan", "", "1", false),
        ("NumberLessOrEqualTo", "4478.67", "4478.67", true),
        ("NumberLessOrEqualTo", "inf", "1", false),
        ("KeyExists", r#"{"tier": "gold"}"#, "tier", true),
        ("KeyExists", r#"{"tier": "gold"}"#, "score", false),
        ("KeyExists", "tier", "tier", false),
    ];
    for (operator, result, operand, expected) in cases {
        assert_eq!(
            evaluate(operator, result, operand),
            Ok(expected),
            "{result:?} {operator} {operand:?}"
        );
    }
}

#[test]
fn unknown_operator_is_error() {
    assert_eq!(
        evaluate("Contains", "abc", "b"),
        Err(UnknownOperator("Contains".into()))
    );
}

#[test]
fn parse_number_table() {
    let cases = [
        ("5", Some(5.0)),
        (" 05 ", Some(5.0)),
        ("-3", Some(-3.0)),
        ("+2.5", Some(2.5)),
        (".5", Some(0.5)),
        ("", None),
        ("-", None),
        (".", None),
        ("1e3", None),
        ("NaN", None),
        ("1.2.3", None),
        ("12abc", None),
    ];
    for (text, expected) in cases {
        assert_eq!(parse_number(text), expected, "parsing {text:?}");
    }
}
