//! The profile object, in the shape of the Customer Profiles API's `Profile`.

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One customer profile as the Customer Profiles API returns it, plus two flowsim fixture extensions
/// (`Objects` and `CalculatedAttributes`). Unknown fields are rejected so that a misspelt field in a
/// fixture fails to load instead of being ignored.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct Profile {
    pub profile_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub additional_information: Option<String>,
    /// `INDIVIDUAL`, `BUSINESS` or `OTHER`; the API deprecates it in favour of `PartyTypeString`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party_type_string: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub business_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub middle_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<String>,
    /// `MALE`, `FEMALE` or `UNSPECIFIED`; the API deprecates it in favour of `GenderString`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender_string: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mobile_phone_number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub home_phone_number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub business_phone_number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_address: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub personal_email_address: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub business_email_address: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shipping_address: Option<Address>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mailing_address: Option<Address>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub billing_address: Option<Address>,
    /// Custom attributes, string to string.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub attributes: IndexMap<String, String>,
    /// `PROFILE` or `ACCOUNT_PROFILE`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile_type: Option<String>,
    /// Phone and email consent, kept as given because no flow block reads it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub engagement_preferences: Option<Value>,
    /// flowsim fixture extension: profile objects (`Asset`, `Order`, `Case`, custom types), keyed by
    /// object type name, each a list of objects. Kept as given for the object actions.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub objects: IndexMap<String, Vec<Value>>,
    /// flowsim fixture extension: calculated attribute values keyed by definition name
    /// (`_average_hold_time`, `_frequent_caller`, custom names).
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub calculated_attributes: IndexMap<String, Value>,
}

/// A postal address, as in the profile's `Address`, `ShippingAddress`, `MailingAddress` and
/// `BillingAddress`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct Address {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address1: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address2: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address3: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address4: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub county: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub province: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
}

/// The names of an address's fields, as they follow an address prefix in a flat name.
pub const ADDRESS_FIELDS: [&str; 10] = [
    "Address1",
    "Address2",
    "Address3",
    "Address4",
    "City",
    "County",
    "State",
    "Province",
    "Country",
    "PostalCode",
];

/// The profile's top-level string fields by API name.
pub const SCALAR_FIELDS: [&str; 20] = [
    "ProfileId",
    "AccountNumber",
    "AdditionalInformation",
    "PartyType",
    "PartyTypeString",
    "BusinessName",
    "FirstName",
    "MiddleName",
    "LastName",
    "BirthDate",
    "Gender",
    "GenderString",
    "PhoneNumber",
    "MobilePhoneNumber",
    "HomePhoneNumber",
    "BusinessPhoneNumber",
    "EmailAddress",
    "PersonalEmailAddress",
    "BusinessEmailAddress",
    "ProfileType",
];

/// The profile's address fields by API name.
pub const ADDRESS_KINDS: [&str; 4] = ["Address", "ShippingAddress", "MailingAddress", "BillingAddress"];

impl Profile {
    /// Returns the top-level string field `name` (an API name from [`SCALAR_FIELDS`]).
    pub fn scalar(&self, name: &str) -> Option<&str> {
        let field = match name {
            "ProfileId" => return Some(&self.profile_id),
            "AccountNumber" => &self.account_number,
            "AdditionalInformation" => &self.additional_information,
            "PartyType" => &self.party_type,
            "PartyTypeString" => &self.party_type_string,
            "BusinessName" => &self.business_name,
            "FirstName" => &self.first_name,
            "MiddleName" => &self.middle_name,
            "LastName" => &self.last_name,
            "BirthDate" => &self.birth_date,
            "Gender" => &self.gender,
            "GenderString" => &self.gender_string,
            "PhoneNumber" => &self.phone_number,
            "MobilePhoneNumber" => &self.mobile_phone_number,
            "HomePhoneNumber" => &self.home_phone_number,
            "BusinessPhoneNumber" => &self.business_phone_number,
            "EmailAddress" => &self.email_address,
            "PersonalEmailAddress" => &self.personal_email_address,
            "BusinessEmailAddress" => &self.business_email_address,
            "ProfileType" => &self.profile_type,
            _ => return None,
        };
        field.as_deref()
    }

    /// Returns the address `kind` (an API name from [`ADDRESS_KINDS`]).
    pub fn address(&self, kind: &str) -> Option<&Address> {
        let address = match kind {
            "Address" => &self.address,
            "ShippingAddress" => &self.shipping_address,
            "MailingAddress" => &self.mailing_address,
            "BillingAddress" => &self.billing_address,
            _ => return None,
        };
        address.as_ref()
    }

    /// Returns the value at a dotted field path such as `FirstName`, `Address.City` or
    /// `Attributes.loyaltyId`.
    pub fn field(&self, path: &str) -> Option<&str> {
        match path.split_once('.') {
            None => self.scalar(path),
            Some(("Attributes", key)) => self.attributes.get(key).map(String::as_str),
            Some((kind, name)) => self.address(kind)?.field(name),
        }
    }
}

impl Profile {
    /// Sets or, with `None`, clears the field at a dotted path accepted by [`is_field_path`].
    /// Returns false, and changes nothing, for any other path. `ProfileId` is never changed.
    pub fn set_field(&mut self, path: &str, value: Option<String>) -> bool {
        match path.split_once('.') {
            None => self.scalar_mut(path).map(|field| *field = value).is_some(),
            Some(("Attributes", "")) => false,
            Some(("Attributes", key)) => {
                match value {
                    Some(value) => self.attributes.insert(key.to_string(), value),
                    None => self.attributes.shift_remove(key),
                };
                true
            }
            Some((kind, name)) => self.set_address_field(kind, name, value),
        }
    }

    fn scalar_mut(&mut self, name: &str) -> Option<&mut Option<String>> {
        let field = match name {
            "AccountNumber" => &mut self.account_number,
            "AdditionalInformation" => &mut self.additional_information,
            "PartyType" => &mut self.party_type,
            "PartyTypeString" => &mut self.party_type_string,
            "BusinessName" => &mut self.business_name,
            "FirstName" => &mut self.first_name,
            "MiddleName" => &mut self.middle_name,
            "LastName" => &mut self.last_name,
            "BirthDate" => &mut self.birth_date,
            "Gender" => &mut self.gender,
            "GenderString" => &mut self.gender_string,
            "PhoneNumber" => &mut self.phone_number,
            "MobilePhoneNumber" => &mut self.mobile_phone_number,
            "HomePhoneNumber" => &mut self.home_phone_number,
            "BusinessPhoneNumber" => &mut self.business_phone_number,
            "EmailAddress" => &mut self.email_address,
            "PersonalEmailAddress" => &mut self.personal_email_address,
            "BusinessEmailAddress" => &mut self.business_email_address,
            "ProfileType" => &mut self.profile_type,
            _ => return None,
        };
        Some(field)
    }

    fn set_address_field(&mut self, kind: &str, name: &str, value: Option<String>) -> bool {
        let address = match kind {
            "Address" => &mut self.address,
            "ShippingAddress" => &mut self.shipping_address,
            "MailingAddress" => &mut self.mailing_address,
            "BillingAddress" => &mut self.billing_address,
            _ => return false,
        };
        let Some(field) = address.get_or_insert_with(Address::default).field_mut(name) else {
            return false;
        };
        *field = value;
        if address.as_ref() == Some(&Address::default()) {
            *address = None;
        }
        true
    }
}

impl Address {
    fn field_mut(&mut self, name: &str) -> Option<&mut Option<String>> {
        let field = match name {
            "Address1" => &mut self.address1,
            "Address2" => &mut self.address2,
            "Address3" => &mut self.address3,
            "Address4" => &mut self.address4,
            "City" => &mut self.city,
            "County" => &mut self.county,
            "State" => &mut self.state,
            "Province" => &mut self.province,
            "Country" => &mut self.country,
            "PostalCode" => &mut self.postal_code,
            _ => return None,
        };
        Some(field)
    }

    /// Returns the field `name` (one of [`ADDRESS_FIELDS`]).
    pub fn field(&self, name: &str) -> Option<&str> {
        let field = match name {
            "Address1" => &self.address1,
            "Address2" => &self.address2,
            "Address3" => &self.address3,
            "Address4" => &self.address4,
            "City" => &self.city,
            "County" => &self.county,
            "State" => &self.state,
            "Province" => &self.province,
            "Country" => &self.country,
            "PostalCode" => &self.postal_code,
            _ => return None,
        };
        field.as_deref()
    }
}

/// Returns true when `path` names a profile field that [`Profile::field`] can read: a top-level
/// string field, `<address kind>.<address field>` or `Attributes.<key>` with a non-empty key.
pub fn is_field_path(path: &str) -> bool {
    match path.split_once('.') {
        None => SCALAR_FIELDS.contains(&path),
        Some(("Attributes", key)) => !key.is_empty(),
        Some((kind, name)) => ADDRESS_KINDS.contains(&kind) && ADDRESS_FIELDS.contains(&name),
    }
}
