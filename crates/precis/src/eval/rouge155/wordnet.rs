//! ROUGE-1.5.5's data files: the WordNet 2.0 exception lists used by `-m`
//! and the SMART stopword list used by `-s`, embedded in the binary.
//!
//! ROUGE looks each token longer than 3 bytes up in `WordNet-2.0.exc.db`
//! before stemming it, and returns the base form unstemmed when found. The
//! DB maps the first field of each `.exc` line to the second (the first base
//! form), and a later line overwrites an earlier one. Its builder,
//! `buildExeptionDB.pl`, reads the four files in directory order, which
//! decides six words listed in two files, `best`, `better` and `testes` among
//! them. We fix that order as `adj`, `adv`, `noun`, `verb` (sorted), and
//! `scripts/install-rouge-references.sh` builds the reference DB the same way.

use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHashSet};

/// The exception lists, in the order their lines are applied.
const EXCEPTION_FILES: [&str; 4] = [
    include_str!("../../../data/rouge/WordNet-2.0-Exceptions/adj.exc"),
    include_str!("../../../data/rouge/WordNet-2.0-Exceptions/adv.exc"),
    include_str!("../../../data/rouge/WordNet-2.0-Exceptions/noun.exc"),
    include_str!("../../../data/rouge/WordNet-2.0-Exceptions/verb.exc"),
];

const STOPWORDS: &str = include_str!("../../../data/rouge/smart_common_words.txt");

/// The exception DB: inflected form to base form.
pub(crate) fn exceptions() -> &'static FxHashMap<&'static str, &'static str> {
    static DB: OnceLock<FxHashMap<&'static str, &'static str>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = FxHashMap::default();
        for file in EXCEPTION_FILES {
            for line in file.lines() {
                // `split(/\s+/, $line)`; the lists have no leading spaces.
                let mut fields = line.split_ascii_whitespace();
                if let Some(key) = fields.next() {
                    // A one-field line would store undef, which Perl's
                    // `exists` still finds; the lists have none.
                    db.insert(key, fields.next().unwrap_or(""));
                }
            }
        }
        db
    })
}

/// The `-s` stopword set, one entry a line as the script reads it.
pub(crate) fn stopwords() -> &'static FxHashSet<&'static str> {
    static SET: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| STOPWORDS.split('\n').filter(|l| !l.is_empty()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_load() {
        let db = exceptions();
        assert!(db.len() > 5000);
        assert_eq!(db["children"], "child");
        assert_eq!(db["axes"], "ax");
        // Listed in adj.exc and adv.exc; adv is applied later.
        assert_eq!(db["better"], "well");
        assert!(stopwords().contains("the"));
        assert!(stopwords().contains("reuters"));
        assert!(!stopwords().contains("pinochet"));
    }
}
