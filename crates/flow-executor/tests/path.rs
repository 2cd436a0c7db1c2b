//! Translation of Connect attribute paths into RFC 9535, and the template scanner.

use flow_executor::path::{Segment, parse, reference_len, translate};

#[test]
fn translate_accepts_connect_shapes() {
    let cases = [
        ("$.Attributes.tier", "$['Attributes']['tier']"),
        ("$.Attributes.['a b']", "$['Attributes']['a b']"),
        ("$.Attributes['a b']", "$['Attributes']['a b']"),
        ("$.Attributes[\"a b\"]", "$['Attributes']['a b']"),
        ("$['AwsRegion']", "$['AwsRegion']"),
        ("$.AwsRegion", "$['AwsRegion']"),
        (
            "$.Attributes.voicemail-destination",
            "$['Attributes']['voicemail-destination']",
        ),
        ("$.Attributes.hoop-name", "$['Attributes']['hoop-name']"),
        (
            "$.Media.Sip.Headers.P-Asserted-Identity",
            "$['Media']['Sip']['Headers']['P-Asserted-Identity']",
        ),
        (
            "$.Views.ViewResultData.FormData.pickup.0",
            "$['Views']['ViewResultData']['FormData']['pickup'][0]",
        ),
        (
            "$.Views.ViewResultData.FormData.extras[4]",
            "$['Views']['ViewResultData']['FormData']['extras'][4]",
        ),
        (
            "$.SegmentAttributes['connect:Subtype']",
            "$['SegmentAttributes']['connect:Subtype']",
        ),
        (
            "$.SegmentAttributes['connect:ContactExpiry']['ExpiryDuration']",
            "$['SegmentAttributes']['connect:ContactExpiry']['ExpiryDuration']",
        ),
        (
            "$.Lex.IntentConfidence.Score",
            "$['Lex']['IntentConfidence']['Score']",
        ),
        ("$.Attributes.['it\\'s']", "$['Attributes']['it\\'s']"),
        ("$.Attributes.['名前']", "$['Attributes']['名前']"),
        ("$.External.customer.tier", "$['External']['customer']['tier']"),
        ("$.Attributes.en-US", "$['Attributes']['en-US']"),
    ];
    for (connect, rfc) in cases {
        assert_eq!(translate(connect).as_deref(), Ok(rfc), "translating {connect}");
    }
}

#[test]
fn translate_rejects_non_paths() {
    let cases = [
        ("Attributes.tier", "a path starts with `$.`"),
        ("$", "names no attribute"),
        ("$.", "ends with a dot"),
        ("$.Attributes.", "ends with a dot"),
        ("$..tier", "recursive descent"),
        ("$.Attributes.*", "wildcards"),
        ("$.Attributes[*]", "wildcards"),
        ("$.Attributes['a b'", "must be followed by `]`"),
        ("$.Attributes['a b", "unclosed quoted name"),
        ("$.Attributes['']", "empty name"),
        ("$.Attributes[x]", "quoted name or an index"),
        ("$.Attributes[1", "an index must be followed by `]`"),
        ("$.Attributes.a b", "unexpected ` `"),
        ("$.Attributes.x:y", "unexpected `:`"),
        ("$.Attributes.$one", "cannot start a name"),
    ];
    for (connect, expected) in cases {
        let error = translate(connect).expect_err(connect);
        assert!(error.message.contains(expected), "{connect}: {}", error.message);
        assert_eq!(error.path, connect);
    }
}

#[test]
fn parse_error_names_byte_offset() {
    let error = parse("$.Attributes.a b").expect_err("space in a dot name");
    assert_eq!(
        error.message,
        "unexpected ` `; expected `.name` or `['name']` at byte 14"
    );
    assert_eq!(
        error.to_string(),
        "invalid attribute path `$.Attributes.a b`: unexpected ` `; expected `.name` or `['name']` at byte 14"
    );
}

#[test]
fn parse_digits_as_index() {
    let segments = parse("$.Views.pickup.0").expect("valid path");
    assert_eq!(
        segments,
        vec![
            Segment::Key("Views".into()),
            Segment::Key("pickup".into()),
            Segment::Index(0)
        ]
    );
}

#[test]
fn reference_len_in_templates() {
    let cases = [
        ("$.Attributes.tier", Some("$.Attributes.tier")),
        (
            "$.Attributes.MessageOfTheDay.",
            Some("$.Attributes.MessageOfTheDay"),
        ),
        ("$.External.CaseNumber</say-as>", Some("$.External.CaseNumber")),
        (
            "$.Attributes.Journey >> went_through_module",
            Some("$.Attributes.Journey"),
        ),
        ("$.AwsRegion:123456789012:function:x", Some("$.AwsRegion")),
        ("$.Customer.FirstName, welcome", Some("$.Customer.FirstName")),
        ("$.Attributes.a\"b", Some("$.Attributes.a")),
        ("$.['LanguageCode']_.wav", Some("$.['LanguageCode']")),
        ("$.Attributes.UserName，您好", Some("$.Attributes.UserName")),
        ("$.Attributes['a b'] and", Some("$.Attributes['a b']")),
        ("$.Attributes['a b and", Some("$.Attributes")),
        ("$.Views.pickup.0 left", Some("$.Views.pickup.0")),
        ("$5.00", None),
        ("$ 5", None),
        ("$.", None),
        ("price", None),
    ];
    for (text, expected) in cases {
        let found = reference_len(text).map(|len| &text[..len]);
        assert_eq!(found, expected, "scanning {text:?}");
    }
}
