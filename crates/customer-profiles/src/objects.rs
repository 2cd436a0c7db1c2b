//! Profile objects (assets, orders, cases and custom types) and the response names that the
//! Get profile object block reads from them.
//!
//! The names follow the flow-language page of `GetCustomerProfileObject` in the Amazon Connect
//! API Reference: a standard field is requested as the type name and the field name
//! (`AssetSerialNumber`, `OrderTotalPrice`, `CaseTitle`, also `AssetAssetId`) and written to
//! `$.Customer.Asset.SerialNumber`, `$.Customer.Order.TotalPrice`, `$.Customer.Case.Title`.
//! `AssetAttributes.x` is written to `$.Customer.Asset.Attributes.x`, and `ObjectAttributes.x`, for
//! any type, to `$.Customer.ObjectAttributes.x`.

use flow_executor::resolve::render;
use serde_json::Value;

const ASSET_FIELDS: [&str; 15] = [
    "AssetId",
    "ProfileId",
    "AssetName",
    "SerialNumber",
    "ModelNumber",
    "ModelName",
    "ProductSKU",
    "PurchaseDate",
    "UsageEndDate",
    "Status",
    "Price",
    "Quantity",
    "Description",
    "AdditionalInformation",
    "DataSource",
];

const ORDER_FIELDS: [&str; 50] = [
    "OrderId",
    "ProfileId",
    "CustomerEmail",
    "CustomerPhone",
    "CreatedDate",
    "UpdatedDate",
    "ProcessedDate",
    "ClosedDate",
    "CancelledDate",
    "CancelReason",
    "Name",
    "AdditionalInformation",
    "Gateway",
    "Status",
    "StatusCode",
    "StatusUrl",
    "CreditCardNumber",
    "CreditCardCompany",
    "FulfillmentStatus",
    "TotalPrice",
    "TotalTax",
    "TotalDiscounts",
    "TotalItemsPrice",
    "TotalShippingPrice",
    "TotalTipReceived",
    "Currency",
    "TotalWeight",
    "BillingName",
    "BillingAddress1",
    "BillingAddress2",
    "BillingAddress3",
    "BillingAddress4",
    "BillingCity",
    "BillingCounty",
    "BillingCountry",
    "BillingPostalCode",
    "BillingProvince",
    "BillingState",
    "ShippingName",
    "ShippingAddress1",
    "ShippingAddress2",
    "ShippingAddress3",
    "ShippingAddress4",
    "ShippingCity",
    "ShippingCounty",
    "ShippingCountry",
    "ShippingPostalCode",
    "ShippingProvince",
    "ShippingState",
    "DataSource",
];

const CASE_FIELDS: [&str; 12] = [
    "CaseId",
    "ProfileId",
    "Title",
    "Summary",
    "Status",
    "Reason",
    "CreatedBy",
    "CreatedDate",
    "UpdatedDate",
    "ClosedDate",
    "AdditionalInformation",
    "DataSource",
];

/// The type of a profile object, as the block's `ObjectType` names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ObjectKind {
    Asset,
    Order,
    Case,
    /// A custom object type, by name.
    Custom(String),
}

impl ObjectKind {
    /// Reads an `ObjectType`: `Asset`, `Order` and `Case` or the standard object type names
    /// `_asset`, `_order` and `_case` select a standard type, any other name a custom type.
    pub fn from_type_name(name: &str) -> Self {
        match name {
            "Asset" | "_asset" => ObjectKind::Asset,
            "Order" | "_order" => ObjectKind::Order,
            "Case" | "_case" => ObjectKind::Case,
            other => ObjectKind::Custom(other.to_string()),
        }
    }

    /// Returns the type's name under `$.Customer` and as a response-name prefix, or `None` for a
    /// custom type.
    pub fn label(&self) -> Option<&'static str> {
        match self {
            ObjectKind::Asset => Some("Asset"),
            ObjectKind::Order => Some("Order"),
            ObjectKind::Case => Some("Case"),
            ObjectKind::Custom(_) => None,
        }
    }

    /// Returns the type's name: `Asset`, `Order`, `Case` or the custom type's name.
    pub fn name(&self) -> &str {
        match self {
            ObjectKind::Custom(name) => name,
            standard => standard.label().expect("every standard type has a label"),
        }
    }

    /// Returns the names under which a fixture profile's `Objects` may list objects of this type.
    pub fn fixture_names(&self) -> Vec<&str> {
        match self {
            ObjectKind::Asset => vec!["Asset", "_asset"],
            ObjectKind::Order => vec!["Order", "_order"],
            ObjectKind::Case => vec!["Case", "_case"],
            ObjectKind::Custom(name) => vec![name.as_str()],
        }
    }

    /// Returns the field that identifies an object of a standard type (`AssetId`, ...).
    pub fn id_field(&self) -> Option<&'static str> {
        match self {
            ObjectKind::Asset => Some("AssetId"),
            ObjectKind::Order => Some("OrderId"),
            ObjectKind::Case => Some("CaseId"),
            ObjectKind::Custom(_) => None,
        }
    }

    fn fields(&self) -> &'static [&'static str] {
        match self {
            ObjectKind::Asset => &ASSET_FIELDS,
            ObjectKind::Order => &ORDER_FIELDS,
            ObjectKind::Case => &CASE_FIELDS,
            ObjectKind::Custom(_) => &[],
        }
    }
}

/// The source and target of one response name: a field of the object and a path under the
/// contact tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectField {
    /// A top-level field of the object, or `Attributes.<key>`.
    pub source: String,
    /// The path segments under the contact tree, such as `["Customer", "Asset", "Status"]`.
    pub target: Vec<String>,
}

/// Maps a response name of the object block to its source and target for objects of `kind`, or
/// returns `None` when the name is not a field of that type.
pub fn object_field(kind: &ObjectKind, name: &str) -> Option<ObjectField> {
    if let Some(key) = name
        .strip_prefix("ObjectAttributes.")
        .filter(|key| !key.is_empty())
    {
        return Some(field(key, &["Customer", "ObjectAttributes", key]));
    }
    let label = kind.label()?;
    let field_name = standard_field_name(kind, label, name)?;
    match field_name.strip_prefix("Attributes.") {
        Some("") => None,
        Some(key) => Some(field(&field_name, &["Customer", label, "Attributes", key])),
        None => Some(field(&field_name, &["Customer", label, &field_name])),
    }
}

fn field(source: &str, target: &[&str]) -> ObjectField {
    ObjectField {
        source: source.to_string(),
        target: target.iter().map(|segment| segment.to_string()).collect(),
    }
}

/// Returns the object field that `name` requests: the documented form is the type name followed by
/// the field (`AssetSerialNumber`, `AssetAssetId`), and the bare field name (`AssetId`) is
/// accepted too.
fn standard_field_name(kind: &ObjectKind, label: &str, name: &str) -> Option<String> {
    let is_field =
        |candidate: &str| candidate.starts_with("Attributes.") || kind.fields().contains(&candidate);
    let prefixed = name.strip_prefix(label).filter(|rest| is_field(rest));
    let bare = Some(name).filter(|name| is_field(name) && !name.starts_with("Attributes."));
    prefixed.or(bare).map(str::to_string)
}

/// Reads the value at `source` (a top-level field or `Attributes.<key>`) of `object` as text, or
/// `None` when it is absent or null. `BillingCity` and the like are also read from a nested
/// `BillingAddress.City`, the shape of the standard order object.
pub fn read_object_value(object: &Value, source: &str) -> Option<String> {
    let value = match source.split_once('.') {
        Some(("Attributes", key)) => object
            .get("Attributes")
            .and_then(|attributes| attributes.get(key)),
        _ => object
            .get(source)
            .or_else(|| nested_address_value(object, source)),
    };
    value.filter(|value| !value.is_null()).map(render)
}

fn nested_address_value<'v>(object: &'v Value, source: &str) -> Option<&'v Value> {
    ["Billing", "Shipping"].into_iter().find_map(|prefix| {
        let field = source.strip_prefix(prefix)?;
        object.get(format!("{prefix}Address"))?.get(field)
    })
}

/// Returns the value that an identifier of the block compares on `object`: `_assetId`, `_orderId`
/// and `_caseId` read the id field, `_profileId` the `ProfileId`, and any other name the object's
/// field of that name or, failing that, its `Attributes.<name>`.
pub fn identifier_value(object: &Value, identifier_name: &str) -> Option<String> {
    let field = match identifier_name {
        "_assetId" => "AssetId",
        "_orderId" => "OrderId",
        "_caseId" => "CaseId",
        "_profileId" => "ProfileId",
        other => other,
    };
    read_object_value(object, field).or_else(|| read_object_value(object, &format!("Attributes.{field}")))
}
