//! What counts as a word, for budgets, sentence lengths and term positions.
//!
//! # The rule
//!
//! A word is a run of characters between spaces, as `str::split_whitespace`
//! gives, except in scripts written without spaces between words: there
//! each character of Chinese, Japanese kanji and kana ([`is_ideographic`])
//! counts as one word, and CJK punctuation ([`is_cjk_punctuation`], such as
//! `。`, `，` or `「`) separates words without counting as one. So
//! `"Xi met Biden"` is 3 words, `"习近平会见拜登。"` is 7 and `"iPhone手机"`
//! is 3. This is how common word counters treat East Asian text (a Chinese
//! sentence then counts about 1.5 times the words of its English
//! translation).
//! Korean (Hangul) is written with spaces and is counted by them, as
//! English is. Text without any of these characters is counted exactly as
//! `split_whitespace` counts it, so ROUGE's word limits and ours agree on it.

/// True for characters that count as one word each: Han ideographs (the
/// CJK Unified Ideographs, their extensions and the compatibility
/// ideographs), the ideographic iteration and number marks (`々`, `〆`,
/// `〇`, Hangzhou numerals), Hiragana and Katakana (with the halfwidth
/// forms and the prolonged sound mark `ー`).
pub fn is_ideographic(c: char) -> bool {
    matches!(u32::from(c),
        0x3005..=0x3007
        | 0x3021..=0x3029
        | 0x3031..=0x3035
        | 0x3038..=0x303C
        | 0x3041..=0x3096
        | 0x309D..=0x309F
        | 0x30A1..=0x30FA
        | 0x30FC..=0x30FF
        | 0x31F0..=0x31FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF
        | 0xFF66..=0xFF9F
        | 0x20000..=0x3FFFF)
}

/// True for CJK punctuation: the CJK Symbols and Punctuation block (other
/// than the marks [`is_ideographic`] counts), the fullwidth ASCII
/// punctuation (`！`, `，`, `（`, `？`, ...) and the halfwidth CJK
/// punctuation. Such a character ends a word and is not one.
pub fn is_cjk_punctuation(c: char) -> bool {
    matches!(u32::from(c),
        0x3000..=0x3004
        | 0x3008..=0x3020
        | 0x302A..=0x3030
        | 0x3036..=0x3037
        | 0x303D..=0x303F
        | 0x30FB
        | 0xFF01..=0xFF0F
        | 0xFF1A..=0xFF20
        | 0xFF3B..=0xFF40
        | 0xFF5B..=0xFF65)
}

/// True when `text` holds a character [`is_ideographic`] counts or CJK
/// punctuation, so its words are not simply its space-separated runs.
pub fn has_cjk(text: &str) -> bool {
    !text.is_ascii() && text.chars().any(|c| is_ideographic(c) || is_cjk_punctuation(c))
}

/// The number of words in `text`, by the rule of the module documentation.
pub fn count_words(text: &str) -> usize {
    if text.is_ascii() {
        return text.split_whitespace().count();
    }
    let mut n = 0;
    let mut in_word = false;
    for c in text.chars() {
        if c.is_whitespace() || is_cjk_punctuation(c) {
            in_word = false;
        } else if is_ideographic(c) {
            n += 1;
            in_word = false;
        } else if !in_word {
            n += 1;
            in_word = true;
        }
    }
    n
}

/// The byte length of the longest prefix of `text` that holds at most
/// `room` words and ends where a word ends (trailing spaces and
/// punctuation after the last word not included, unless the whole text
/// fits).
pub fn prefix_with_words(text: &str, room: usize) -> usize {
    let mut count = 0;
    let mut end = 0;
    let mut in_word = false;
    for (i, c) in text.char_indices() {
        let ideographic = is_ideographic(c);
        if c.is_whitespace() || is_cjk_punctuation(c) || ideographic {
            if in_word {
                // A run word ends here.
                count += 1;
                end = i;
                in_word = false;
                if count == room {
                    return end;
                }
            }
            if ideographic {
                if count == room {
                    return end;
                }
                count += 1;
                end = i + c.len_utf8();
                if count == room {
                    // Keep what closes it (`。`, `」`) when nothing else follows.
                    return if text[end..].chars().all(is_cjk_punctuation) {
                        text.len()
                    } else {
                        end
                    };
                }
            }
        } else {
            in_word = true;
        }
    }
    // Fewer than `room` words: all of it (a run word in progress is one).
    if count < room {
        text.len()
    } else {
        end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_like_split_whitespace_without_cjk() {
        for text in [
            "",
            "  ",
            "one",
            "one two  three",
            " caf\u{e9} au lait ",
            "\u{2014} a \u{201c}b\u{201d}",
        ] {
            assert_eq!(count_words(text), text.split_whitespace().count(), "{text:?}");
        }
    }

    #[test]
    fn counts_each_han_and_kana_character() {
        assert_eq!(count_words("习近平会见拜登。"), 7);
        assert_eq!(count_words("他说：「我们明天再谈。」"), 8);
        assert_eq!(count_words("iPhone手机"), 3);
        assert_eq!(count_words("東京は雨です。"), 6);
        assert_eq!(count_words("コーヒーを飲む"), 7);
        assert_eq!(count_words("2024年3月"), 4);
        // Korean is written with spaces.
        assert_eq!(count_words("서울에서 회담이 열렸다."), 3);
    }

    #[test]
    fn prefixes_end_at_words() {
        let text = "习近平会见拜登。";
        assert_eq!(&text[..prefix_with_words(text, 2)], "习近");
        assert_eq!(&text[..prefix_with_words(text, 6)], "习近平会见拜");
        assert_eq!(&text[..prefix_with_words(text, 7)], text);
        assert_eq!(&text[..prefix_with_words(text, 9)], text);
        assert_eq!(prefix_with_words(text, 0), 0);
        let mixed = "Apple的iPhone手机 sold well";
        assert_eq!(&mixed[..prefix_with_words(mixed, 1)], "Apple");
        assert_eq!(&mixed[..prefix_with_words(mixed, 3)], "Apple的iPhone");
        assert_eq!(&mixed[..prefix_with_words(mixed, 5)], "Apple的iPhone手机");
        assert_eq!(&mixed[..prefix_with_words(mixed, 6)], "Apple的iPhone手机 sold");
        assert_eq!(&mixed[..prefix_with_words(mixed, 7)], mixed);
        let english = "one two  three";
        assert_eq!(&english[..prefix_with_words(english, 2)], "one two");
    }

    /// Three reports of a flood, written for this test.
    fn flood() -> crate::Cluster {
        let docs = [
            "江城市连日暴雨引发洪水，数千名居民被迫撤离家园。\n\n市政府周一晚间宣布进入紧急状态，并在城东设立了三个临时安置点。消防队员和志愿者驾驶橡皮艇，将被困在低洼街区的老人和儿童转移到安全地带。据气象部门介绍，过去三天的降雨量已经超过当地一个月的平均水平。\n\n市长在新闻发布会上说：「这是五十年来最严重的一次洪水。」他呼吁市民不要前往河边。",
            "受持续强降雨影响，江城市主河道水位周一夜间突破警戒线，洪水淹没了城东多个街区。\n\n救援人员通宵作业，用橡皮艇把被困居民转移到临时安置点，目前已有四千多人撤离。全市中小学本周停课，部分地区电力和供水中断。\n\n气象台预计周三还将有新一轮降雨，河水可能再次上涨！当地官员提醒居民做好防范准备。",
            "江城市遭遇五十年来最严重的洪灾，市政府已宣布进入紧急状态。\n\n据当地媒体报道，洪水造成城东大片地区停电，数千户家庭被迫离开住所。消防部门出动橡皮艇和卡车，协助转移被困的老人和儿童。\n\n专家表示，上游水库泄洪和连续三天的暴雨是这次洪水的主要原因。市政府表示将尽快评估损失，并向受灾家庭提供临时住房和生活补助。",
        ];
        let documents = docs
            .iter()
            .enumerate()
            .map(|(k, t)| crate::Document::new(format!("d{k}"), *t))
            .collect();
        crate::Cluster::new("flood", documents)
    }

    #[test]
    fn chinese_sentences_have_character_terms() {
        let prepared = crate::prepare(&flood()).unwrap();
        let a = &prepared.analysis;
        assert!(a.len() >= 10, "{} sentences", a.len());
        for s in &a.sentences {
            assert_eq!(s.words, count_words(&s.text), "{}", s.text);
            assert!(s.words < 60, "{} words: {}", s.words, s.text);
        }
        // Shared characters make sentences similar, so scores differ.
        let scores = crate::score::Scorer::score(&crate::score::LexRank::default(), a);
        let (lo, hi) = scores.iter().fold((f64::MAX, f64::MIN), |(l, h), &x| (l.min(x), h.max(x)));
        assert!(hi > lo * 1.2, "degenerate scores {scores:?}");
        let mut tokens = Vec::new();
        crate::represent::for_each_word("他说：iPhone手机", |w| tokens.push(w.to_owned()));
        assert_eq!(tokens, ["他", "说", "iphone", "手", "机"]);
    }

    #[test]
    fn chinese_clusters_get_real_summaries() {
        use crate::{Budget, Method, Summarizer};
        let cluster = flood();
        for method in [Method::Auto, Method::Lead, Method::LexRank, Method::Ilp, Method::Learned] {
            for budget in [Budget::words(40), Budget::words(80), Budget::words(50).with_fill(true)]
            {
                let s = Summarizer::builder().method(method).budget(budget).build().unwrap();
                let summary = s.summarize(&cluster).unwrap();
                let words = summary.word_count();
                assert!(!summary.sentences.is_empty(), "{method:?} {budget:?}: empty");
                assert!(words <= budget.limit, "{method:?} {budget:?}: {words} words");
                assert!(words >= budget.limit / 3, "{method:?} {budget:?}: only {words} words");
                for sentence in &summary.sentences {
                    assert!(
                        sentence.cut || sentence.text.ends_with(['。', '！', '」']),
                        "{method:?}: not a sentence: {}",
                        sentence.text
                    );
                }
            }
        }
    }
}
