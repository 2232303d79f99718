//! The `organisationer` table: one row per organisation, as written in the
//! `typ: organisationer` files.

use super::{Cell, Table};
use crate::model::Plan;

/// Sheet name, CSV file stem and JSON key.
pub const NAME: &str = "organisationer";

/// Organisation id.
pub const ID: &str = "id";
/// Name.
pub const ORG_NAME: &str = "namn";
/// Category (`kommun`, `samrådsgrupp`, …).
pub const CATEGORY: &str = "kategori";
/// Id of the organisation it is part of.
pub const PART_OF: &str = "del av";
/// Four-digit municipality code.
pub const MUNICIPALITY_CODE: &str = "kommunkod";
/// Functional contact address.
pub const CONTACT: &str = "kontakt";

/// Every column, in order.
pub const COLUMNS: &[&str] = &[ID, ORG_NAME, CATEGORY, PART_OF, MUNICIPALITY_CODE, CONTACT];

/// The table of every organisation, in file order.
pub fn table(plan: &Plan) -> Table {
    let rows = plan
        .organisations
        .iter()
        .map(|o| {
            vec![
                Cell::Text(o.id.value.0.clone()),
                Cell::text(o.name.as_ref().map(|n| n.value.as_str())),
                Cell::text(o.category.as_ref().map(|c| c.value.as_str())),
                Cell::text(o.part_of.as_ref().map(|p| p.value.as_str())),
                Cell::text(o.municipality_code.as_ref().map(|c| c.value.as_str())),
                Cell::text(o.contact.as_ref().map(|c| c.value.as_str())),
            ]
        })
        .collect();
    Table { name: NAME, columns: COLUMNS.into(), rows }
}
