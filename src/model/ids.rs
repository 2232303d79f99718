//! Typed identifiers.
//!
//! Every kind of thing has its own id type, so an organisation id cannot be passed where a
//! strategic direction is expected. All ids share one namespace in the repository (see
//! [`crate::model::index`]); the types only document and enforce intent in code.

use std::fmt;

macro_rules! id_type {
    ($(#[$doc:meta] $name:ident),* $(,)?) => {$(
        #[$doc]
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
        pub struct $name(pub String);

        impl $name {
            /// The id as written.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl From<String> for $name {
            fn from(s: String) -> Self {
                $name(s)
            }
        }
    )*};
}

id_type! {
    /// Id of an organisation.
    OrgId,
    /// Id of a handlingsplan.
    PlanId,
    /// Id of a målområde.
    GoalAreaId,
    /// Id of a strategisk inriktning.
    DirectionId,
    /// Id of a sakområde.
    TopicId,
    /// Id of an indikator.
    IndicatorId,
    /// Id of a local utvecklingsområde.
    FocusAreaId,
    /// Id of an aktivitetsplan.
    ActivityPlanId,
    /// Id of an uppdrag.
    AssignmentId,
    /// Id of an aktivitet.
    ActivityId,
}

/// Whether a text is a valid id: `^[A-Za-zÅÄÖåäö0-9][A-Za-zÅÄÖåäö0-9._-]*$`.
pub fn is_valid_id(s: &str) -> bool {
    fn word(c: char) -> bool {
        c.is_ascii_alphanumeric() || matches!(c, 'Å' | 'Ä' | 'Ö' | 'å' | 'ä' | 'ö')
    }
    let mut chars = s.chars();
    chars.next().is_some_and(word) && chars.all(|c| word(c) || matches!(c, '.' | '_' | '-'))
}

#[cfg(test)]
mod tests {
    use super::is_valid_id;

    #[test]
    fn ids_follow_the_format() {
        for ok in ["MO1.1", "lan-2024", "Årsta_1", "ö", "0180"] {
            assert!(is_valid_id(ok), "{ok}");
        }
        for bad in ["", "-a", ".a", "a/b", "../x", "a b", "é", "a\0", "a%2e"] {
            assert!(!is_valid_id(bad), "{bad}");
        }
    }
}
