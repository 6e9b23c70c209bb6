//! The parties of a generated workspace: real names as placeholders.

use rand::RngExt;
use rand_chacha::ChaCha8Rng;

use super::one_of;
use crate::model::{Party, PartyId, PartyKind};

pub struct PartySpec {
    pub id: &'static str,
    pub name: &'static str,
    pub code: &'static str,
    /// Where its meetings take place.
    pub place: &'static str,
}

impl PartySpec {
    pub fn id(&self) -> PartyId {
        PartyId::new(self.id)
    }
}

const fn spec(
    id: &'static str,
    name: &'static str,
    code: &'static str,
    place: &'static str,
) -> PartySpec {
    PartySpec {
        id,
        name,
        code,
        place,
    }
}

/// The desk's own state: a party to every bilateral instrument.
pub static TURKIYE: PartySpec = spec("tur", "Türkiye", "TUR", "Ankara");

/// States Türkiye cooperates with. Iraq comes first: see `partner`.
pub static PARTNERS: [PartySpec; 9] = [
    spec("irq", "Iraq", "IRQ", "Baghdad"),
    spec("deu", "Germany", "DEU", "Berlin"),
    spec("aze", "Azerbaijan", "AZE", "Baku"),
    spec("qat", "Qatar", "QAT", "Doha"),
    spec("pak", "Pakistan", "PAK", "Islamabad"),
    spec("gbr", "United Kingdom", "GBR", "London"),
    spec("usa", "United States", "USA", "Washington"),
    spec("aus", "Australia", "AUS", "Canberra"),
    spec("vnm", "Vietnam", "VNM", "Hanoi"),
];

pub static ORGANISATIONS: [PartySpec; 3] = [
    spec("nato", "NATO", "NATO", "Brussels"),
    spec("un", "United Nations", "UN", "New York"),
    spec("feto", "FETÖ", "FETO", ""),
];

pub static ARMED_GROUPS: [PartySpec; 2] = [
    spec("pkk", "PKK", "PKK", "northern Iraq"),
    spec("daesh", "Daesh", "DAESH", "northern Syria"),
];

pub fn records() -> impl Iterator<Item = Party> {
    let states = std::iter::once(&TURKIYE)
        .chain(&PARTNERS)
        .map(|p| (p, PartyKind::State));
    let organisations = ORGANISATIONS.iter().map(|p| (p, PartyKind::Organisation));
    let groups = ARMED_GROUPS.iter().map(|p| (p, PartyKind::ArmedGroup));
    states
        .chain(organisations)
        .chain(groups)
        .map(|(spec, kind)| Party {
            id: spec.id(),
            name: spec.name.to_owned(),
            code: spec.code.to_owned(),
            kind,
            note: String::new(),
        })
}

/// A partner state: Iraq half of the time, as in the briefings the
/// generated figures imitate; any other partner otherwise.
pub fn partner(rng: &mut ChaCha8Rng) -> &'static PartySpec {
    if rng.random_bool(0.5) {
        &PARTNERS[0]
    } else {
        one_of(rng, &PARTNERS[1..])
    }
}

pub fn armed_group(rng: &mut ChaCha8Rng) -> &'static PartySpec {
    one_of(rng, &ARMED_GROUPS)
}

/// NATO or the UN (FETÖ, the other organisation, meets no one).
pub fn meeting_organisation(rng: &mut ChaCha8Rng) -> &'static PartySpec {
    one_of(rng, &ORGANISATIONS[..2])
}
