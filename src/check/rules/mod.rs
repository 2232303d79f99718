//! One file per rule; [`RULES`] is the registry, in code order.
//!
//! Adding a rule means adding a file here, which declares its code (the next free one),
//! name, level, documentation and check, and a line in [`RULES`]; the rule table in the
//! README, `docs/rules.md` and `plan explain` are generated from this list, and a test
//! checks that the codes run P001, P002, … without a gap.

pub mod county_plan;
pub mod dates;
pub mod duplicate_id;
pub mod follows;
pub mod missing_direction;
pub mod missing_owner;
pub mod overdue;
pub mod schema;
pub mod source;
pub mod status;
pub mod truncated_text;
pub mod uncovered;
pub mod unknown_reference;
pub mod yaml;

use super::Rule;

/// Every rule, in code order.
pub const RULES: &[&dyn Rule] = &[
    &yaml::Yaml,
    &schema::Schema,
    &duplicate_id::DuplicateId,
    &unknown_reference::UnknownReference,
    &missing_direction::MissingDirection,
    &missing_owner::MissingOwner,
    &dates::Dates,
    &overdue::Overdue,
    &status::StatusMismatch,
    &uncovered::Uncovered,
    &follows::Follows,
    &county_plan::CountyPlan,
    &source::Source,
    &truncated_text::TruncatedText,
];
