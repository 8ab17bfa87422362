//! Articles of two stories, written for the tests of story clustering: the
//! core's unit tests (`story/tests.rs`) and the CLI's `tests/stream.rs`
//! both compile this file (by `#[path]`), so the two test the same text.
//! Test code only; no crate depends on it at run time.

/// Three reports of one earthquake in Kobe, in the order they were filed.
pub const QUAKE: [&str; 3] = [
    "An earthquake of magnitude 7.1 struck near Kobe on Tuesday, toppling buildings. \
     Rescuers in Kobe searched the rubble of the earthquake for survivors.",
    "Rescue teams in Kobe pulled survivors from collapsed buildings a day after the \
     earthquake. The Kobe earthquake killed hundreds, officials said.",
    "Aftershocks shook Kobe as earthquake survivors crowded into shelters; the death \
     toll of the earthquake rose again.",
];

/// Three reports of one election in Brazil, in the order they were filed.
pub const ELECTION: [&str; 3] = [
    "Voters in Brazil chose a new president on Sunday. Cardoso led the election count \
     in Sao Paulo and Rio, election officials said.",
    "Cardoso won the Brazil presidential election outright, avoiding a runoff vote, \
     the election tribunal said.",
    "Brazil's president-elect Cardoso promised reforms after the election victory.",
];
