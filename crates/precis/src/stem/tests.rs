//! [`stem`] and [`stem_into`] against `nltk-porter`, the reference.

use super::{stem, stem_into};
use crate::rng::Rng;
use nltk_porter::{Mode, PorterStemmer};

/// Stems every word both ways and fails listing the first disagreements;
/// returns how many words were compared.
fn check<'a>(words: impl IntoIterator<Item = &'a str>) -> usize {
    let reference = PorterStemmer::new(Mode::Nltk);
    let mut buf = String::new();
    let mut compared = 0;
    let mut differences = Vec::new();
    for word in words {
        compared += 1;
        stem_into(word, &mut buf);
        let expected = reference.stem(word);
        if buf != expected {
            differences.push(format!("{word:?}: ours {buf:?}, nltk-porter {expected:?}"));
        }
    }
    assert!(
        differences.is_empty(),
        "{} of {compared} words differ, first ones:\n{}",
        differences.len(),
        differences[..differences.len().min(30)].join("\n")
    );
    compared
}

/// Words that take each rule and words that just miss it, by step.
///
/// Too short to stem, and the empty string.
const SHORT: &[&str] = &[
    "", "a", "i", "y", "s", "e", "an", "is", "as", "us", "ss", "ed", "ly", "ay", "yy", "by", "my",
    "At", "IS",
];

/// NLTK's irregular forms, near misses, and capitals.
const IRREGULAR: &str =
    "sky skies dying lying tying news innings inning outings outing cannings canning howe \
     proceed exceed succeed SKIES Dying NEWS Proceed skied skis ski dyings newsy howes proceeds \
     exceeded succeeded succeeding innin outin";

/// Step 1a.
const STEP1A: &str =
    "caresses ponies ties pies dies lies ies aies caress cats cities series species abilities \
     glass gas this sses bss";

/// Step 1b: ied, eed, ed, ing and the tidying of the stem.
const STEP1B: &str =
    "ied died tied lied spied cried carried studied eed feed need breed agreed freed speed \
     indeed bleed plastered bled motoring sing king thing bring ring ing ding spring string \
     conflated troubled sized hopping tanned falling hissing fizzed failing filing hoping rated \
     rating bubbling quizzed sizing boxed snowed played toyed abed red shed sled bed owed \
     aching eying ying yed controlled controlling occurred hummed pinned added ebbed egged";

/// Step 1c and y as a vowel or a consonant.
const STEP1C: &str =
    "happy bys syzygy yyy yyyy yyyyy yay say sayy boy boys toy toying enjoy enjoying employ \
     employed daily dry dryly shy shyly spy spying yes yellow youth myth rhythm cry crying \
     cyclic ivy orrery yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy ayyyyy xyyyy";

/// Step 2.
const STEP2: &str =
    "relational rational conditional national valenci hesitanci digitizer conformabli abli \
     radicalli radically magically specially finally totally alli salli differentli vileli \
     analogousli vietnamization predication operator feudalism decisiveness hopefulness \
     callousness formaliti sensitiviti sensibiliti hopefulli beautifully gratefully fulli \
     geology theology biology archaeology logi ology apology analogy generously generous \
     conditionalli rationalli";

/// Step 3.
const STEP3: &str =
    "triplicate formative formalize electriciti electrical hopeful goodness ness ful ative \
     cative";

/// Step 4, including `ement` stopping `ment` and `ent`.
const STEP4: &str =
    "revival allowance inference airliner gyroscopic adjustable defensible irritant replacement \
     adjustment dependent adoption homologou communism activate angulariti homologous effective \
     bowdlerize agreement element cement movement moment lion union onion fusion decision \
     vision question suggestion station ion sion tion opinion religion champion criterion";

/// Step 5.
const STEP5: &str =
    "probate rate cease hope file centre controll roll tall install overall recall fulfill ll \
     all e ee tree trees trouble troubles oats oaten tr ab abe ate are";

/// Digits and other ASCII.
const ASCII: &str =
    "abc123 123 1990s mp3s 4ing x2ed 3ies a1ly 9ness 0 12ed don't a*ded a*d x-ray e-mail u.s. \
     co-operation -- Running CARESSES ABC123 GeNeRoUsLy";

/// Words with other characters, which go to nltk-porter.
const OTHER: &str = "café naïve naïvely İstanbul Ångström résumés ﬁling straße Σίσυφος 日本語";

#[test]
fn tricky_words() {
    let groups = [IRREGULAR, STEP1A, STEP1B, STEP1C, STEP2, STEP3, STEP4, STEP5, ASCII, OTHER];
    let words = SHORT.iter().copied().chain(groups.into_iter().flat_map(str::split_whitespace));
    assert_eq!(check(words), 332);
}

#[test]
fn porter_paper_examples() {
    for (word, expected) in [
        ("caresses", "caress"),
        ("ponies", "poni"),
        ("ties", "tie"),
        ("agreed", "agre"),
        ("conflated", "conflat"),
        ("hopping", "hop"),
        ("filing", "file"),
        ("happy", "happi"),
        ("relational", "relat"),
        ("generously", "gener"),
        ("communism", "commun"),
        ("agreement", "agreement"),
        ("geology", "geolog"),
        ("controll", "control"),
        ("skies", "sky"),
        ("Dying", "die"),
        ("by", "by"),
        ("abc123", "abc123"),
    ] {
        assert_eq!(stem(word), expected, "{word}");
    }
}

#[test]
fn buffer_contents_do_not_matter() {
    let mut buf = String::from("something long left over from before");
    stem_into("cats", &mut buf);
    assert_eq!(buf, "cat");
    stem_into("", &mut buf);
    assert_eq!(buf, "");
    stem_into("naïvely", &mut buf);
    assert_eq!(buf, PorterStemmer::new(Mode::Nltk).stem("naïvely"));
}

/// Stems that meet many suffixes' conditions both ways.
const STEMS: &[&str] = &[
    "",
    "a",
    "e",
    "y",
    "x",
    "ab",
    "at",
    "bl",
    "iz",
    "tr",
    "sy",
    "ee",
    "ll",
    "re",
    "oat",
    "ion",
    "log",
    "geo",
    "theo",
    "analog",
    "hop",
    "fil",
    "tan",
    "run",
    "sit",
    "plan",
    "fizz",
    "hiss",
    "roll",
    "control",
    "connect",
    "relat",
    "rate",
    "hope",
    "care",
    "bake",
    "agree",
    "agreem",
    "generous",
    "commun",
    "nation",
    "condition",
    "form",
    "sens",
    "electr",
    "develop",
    "happ",
    "cry",
    "play",
    "toy",
    "boy",
    "syzyg",
    "pony",
    "tie",
    "die",
    "spi",
    "el",
    "ce",
    "succ",
    "exc",
    "pro",
    "news",
    "ski",
    "sky",
    "abc1",
    "beauti",
    "digit",
    "radic",
    "feud",
];

/// Suffixes of every rule, their near misses and common stacks of them.
const SUFFIXES: &[&str] = &[
    "",
    "s",
    "es",
    "ss",
    "sses",
    "ies",
    "ied",
    "ing",
    "ed",
    "eed",
    "y",
    "ly",
    "ily",
    "ational",
    "tional",
    "enci",
    "anci",
    "izer",
    "bli",
    "abli",
    "alli",
    "entli",
    "eli",
    "ousli",
    "ization",
    "ation",
    "ator",
    "alism",
    "iveness",
    "fulness",
    "ousness",
    "aliti",
    "iviti",
    "biliti",
    "fulli",
    "logi",
    "logy",
    "icate",
    "ative",
    "alize",
    "iciti",
    "ical",
    "ful",
    "ness",
    "al",
    "ance",
    "ence",
    "er",
    "ic",
    "able",
    "ible",
    "ant",
    "ement",
    "ment",
    "ent",
    "ion",
    "sion",
    "tion",
    "ou",
    "ism",
    "ate",
    "iti",
    "ous",
    "ive",
    "ize",
    "e",
    "l",
    "ll",
    "ally",
    "ically",
    "ings",
    "ers",
    "ments",
    "izations",
    "fully",
    "lessness",
    "abilities",
    "ated",
    "ating",
    "izing",
    "ized",
    "led",
    "ling",
    "yed",
    "ying",
    "eer",
    "ee",
    "ements",
    "ional",
    "ionally",
];

#[test]
fn stems_times_suffixes() {
    let mut words = Vec::new();
    for stem in STEMS {
        for suffix in SUFFIXES {
            for tail in ["", "s", "ed", "ing", "ly", "ness"] {
                words.push(format!("{stem}{suffix}{tail}"));
            }
        }
    }
    assert_eq!(check(words.iter().map(String::as_str)), STEMS.len() * SUFFIXES.len() * 6);
}

/// The crate's deterministic generator, drawing indices.
struct XorShift(Rng);

impl XorShift {
    /// A number below `n`.
    fn below(&mut self, n: usize) -> usize {
        self.0.below(n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// Letters repeated roughly by their frequency in English, with extra `y`s.
const LETTERS: &[u8] = b"eeeeeeeeeeeetttttttttaaaaaaaaoooooooiiiiiiinnnnnnnsssssshhhhhhrrrrrrdddd\
lllluuucccmmmwwffggyyyyyyppbbvkjxqz";

/// A random lowercase string of 1 to 14 letters: letters by frequency,
/// alternating consonant and vowel groups, or either ending in a suffix.
fn random_word(rng: &mut XorShift, out: &mut String) {
    out.clear();
    let len = 1 + rng.below(14);
    let suffix = if rng.below(2) == 0 { rng.pick(SUFFIXES) } else { "" };
    let body = len.saturating_sub(suffix.len()).max(1);
    if rng.below(2) == 0 {
        for _ in 0..body {
            out.push(char::from(LETTERS[rng.below(LETTERS.len())]));
        }
    } else {
        let groups: [&[&str]; 2] = [
            &[
                "b", "c", "d", "f", "g", "l", "m", "n", "p", "r", "s", "t", "v", "y", "st", "tr",
                "ll",
            ],
            &["a", "e", "i", "o", "u", "y", "ee", "ou", "ie", "ea", "ai", "oy", "ay"],
        ];
        let mut which = rng.below(2);
        while out.len() < body {
            out.push_str(rng.pick(groups[which]));
            which = 1 - which;
        }
        out.truncate(body);
    }
    out.push_str(suffix);
    out.truncate(14);
}

#[test]
fn random_english_like_strings() {
    let mut rng = XorShift(Rng::new(1));
    let mut word = String::new();
    let words: Vec<String> = (0..200_000)
        .map(|_| {
            random_word(&mut rng, &mut word);
            word.clone()
        })
        .collect();
    assert!(words.iter().all(|w| (1..=14).contains(&w.len())));
    assert_eq!(check(words.iter().map(String::as_str)), 200_000);
}

#[test]
fn example_cluster() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/kerry-lavrov-syria");
    let mut texts = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        texts.push(std::fs::read_to_string(entry.unwrap().path()).unwrap());
    }
    assert_eq!(texts.len(), 5);
    // Both the alphanumeric tokens and the raw whitespace-separated pieces,
    // capitals and punctuation included.
    let tokens = texts.iter().flat_map(|t| t.split(|c: char| !c.is_alphanumeric()));
    let pieces = texts.iter().flat_map(|t| t.split_whitespace());
    assert!(check(tokens.chain(pieces)) > 4_000);
}
