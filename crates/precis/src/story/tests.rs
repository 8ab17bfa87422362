use super::*;

/// The stories' articles, shared with the CLI's tests/stream.rs.
#[path = "fixtures.rs"]
mod fixtures;
use fixtures::{ELECTION, QUAKE};

fn run(config: StoryConfig, articles: &[(&str, Option<i64>)]) -> Vec<u64> {
    let mut c = StoryClusterer::new(config);
    articles
        .iter()
        .map(|&(text, day)| c.assign(&Article { text, title: None, day }).story)
        .collect()
}

fn interleaved() -> Vec<(&'static str, Option<i64>)> {
    (0..3)
        .flat_map(|i| [(QUAKE[i], Some(100 + i as i64)), (ELECTION[i], Some(100 + i as i64))])
        .collect()
}

#[test]
fn separates_two_interleaved_stories() {
    let got = run(StoryConfig::default(), &interleaved());
    assert_eq!(got, [1, 2, 1, 2, 1, 2]);
}

#[test]
fn empty_stream_and_one_article() {
    let c = StoryClusterer::new(StoryConfig::default());
    assert_eq!(c.live_stories(), 0);
    let mut c = StoryClusterer::new(StoryConfig::default());
    let a = c.assign(&Article { text: QUAKE[0], title: None, day: None });
    assert_eq!(a, Assignment { story: 1, new_story: true, score: 0.0, absorbed: None });
    assert_eq!(c.live_stories(), 1);
    // An article with no content words starts a story of its own.
    let a = c.assign(&Article { text: "", title: None, day: None });
    assert_eq!((a.story, a.new_story), (2, true));
}

#[test]
fn identical_texts_share_a_story() {
    let got = run(StoryConfig::default(), &[(QUAKE[0], None), (QUAKE[0], None), (QUAKE[0], None)]);
    assert_eq!(got, [1, 1, 1]);
}

#[test]
fn deterministic() {
    let stream = interleaved();
    let a = run(StoryConfig::default(), &stream);
    for _ in 0..3 {
        assert_eq!(run(StoryConfig::default(), &stream), a);
    }
}

#[test]
fn quiet_stories_retire_after_the_window() {
    let config = StoryConfig { window_days: Some(30), ..StoryConfig::default() };
    let mut c = StoryClusterer::new(config);
    assert_eq!(c.assign(&Article { text: QUAKE[0], title: None, day: Some(0) }).story, 1);
    // Filler articles a year later push the clock past the window; the
    // sweep runs every SWEEP_EVERY articles.
    for i in 0..SWEEP_EVERY {
        let text = format!("Filler number {i} about zebra{i} and yak{i} herding.");
        c.assign(&Article { text: &text, title: None, day: Some(400) });
    }
    assert!(c.take_retired().contains(&1));
    // The quake story is gone: the same text starts a new story.
    let a = c.assign(&Article { text: QUAKE[0], title: None, day: Some(401) });
    assert!(a.new_story && a.story > 1, "{a:?}");
    // Without a day window nothing retires by date.
    let mut c = StoryClusterer::new(StoryConfig { window_days: None, ..StoryConfig::default() });
    c.assign(&Article { text: QUAKE[0], title: None, day: Some(0) });
    for i in 0..SWEEP_EVERY {
        let text = format!("Filler number {i} about zebra{i} and yak{i} herding.");
        c.assign(&Article { text: &text, title: None, day: Some(400) });
    }
    assert!(!c.take_retired().contains(&1));
    assert_eq!(c.assign(&Article { text: QUAKE[0], title: None, day: Some(401) }).story, 1);
}

#[test]
fn article_window_bounds_live_stories() {
    let config = StoryConfig { window_articles: Some(100), ..StoryConfig::default() };
    let mut c = StoryClusterer::new(config);
    for i in 0..2000 {
        let text = format!("Distinct report alpha{i} beta{i} gamma{i} delta{i}.");
        c.assign(&Article { text: &text, title: None, day: None });
        assert!(c.live_stories() <= 100 + SWEEP_EVERY as usize + 1);
    }
    assert!(c.slots.len() <= 100 + SWEEP_EVERY as usize + 1, "slots are reused");
}

#[test]
fn out_of_order_dates_are_measured_both_ways() {
    // With a strong time penalty, an article dated long before a story is
    // kept out of it just as one dated long after.
    let config = StoryConfig { time_penalty: 1.0, window_days: None, ..StoryConfig::default() };
    let got = run(
        config.clone(),
        &[(QUAKE[0], Some(1000)), (QUAKE[1], Some(1001)), (QUAKE[2], Some(10))],
    );
    assert_eq!(got, [1, 1, 2]);
    let got = run(config, &[(QUAKE[0], Some(1000)), (QUAKE[1], Some(1001)), (QUAKE[2], Some(999))]);
    assert_eq!(got, [1, 1, 1]);
}

#[test]
fn vocabulary_stays_bounded() {
    let config = StoryConfig { max_vocabulary: 1000, ..StoryConfig::default() };
    let mut c = StoryClusterer::new(config);
    for i in 0..500 {
        let text = format!("word{i}a word{i}b word{i}c word{i}d common story");
        c.assign(&Article { text: &text, title: None, day: None });
        assert!(c.df.len() <= 1000);
    }
}

#[test]
fn vector_helpers() {
    let a = [(1, 1.0), (3, 2.0)];
    let b = [(2, 5.0), (3, 0.5)];
    assert_eq!(dot(&a, &b), 1.0);
    assert_eq!(sum(&a, &b), [(1, 1.0), (2, 5.0), (3, 2.5)]);
    let mut v = vec![(1, 0.1), (2, 0.9), (3, 0.5), (4, 0.9)];
    keep_heaviest(&mut v, 2);
    assert_eq!(v, [(2, 0.9), (4, 0.9)]);
}

#[test]
fn candidates_are_bounded_however_many_stories_are_live() {
    // Every story shares the term "harbor"; each also has words of its own.
    let config = StoryConfig { max_candidates: 4, max_postings: 8, ..StoryConfig::default() };
    let mut c = StoryClusterer::new(config);
    for i in 0..50 {
        let text = format!("Harbor report kappa{i} lambda{i} sigma{i} omega{i}.");
        c.assign(&Article { text: &text, title: None, day: None });
    }
    assert!(c.live_stories() > 8);
    let vector = c.vectorize(&Article { text: "Harbor harbor news.", title: None, day: None });
    c.read += 1;
    let found = c.candidates(&vector);
    assert!(!found.is_empty() && found.len() <= 4, "{found:?}");
    assert!(found.windows(2).all(|w| w[0] < w[1]), "in slot order: {found:?}");
    // The newest postings are the ones read: the stories last indexed.
    let newest = c.slots.iter().flatten().map(|s| s.id).max();
    assert!(found.iter().any(|&s| c.slots[s as usize].as_ref().map(|s| s.id) == newest));
}

#[test]
fn live_terms_and_postings_stay_consistent() {
    let config = StoryConfig { window_articles: Some(30), ..StoryConfig::default() };
    let mut c = StoryClusterer::new(config);
    for i in 0..600 {
        // Stories of three articles each, with drifting vocabulary.
        let text = format!(
            "Topic{} ferry{} report: mayor{} said crews{} worked overnight.",
            i / 3,
            i / 3,
            i % 7,
            i
        );
        c.assign(&Article { text: &text, title: None, day: None });
        let live: usize = c.slots.iter().flatten().map(|s| s.centroid.len()).sum();
        assert_eq!(c.live_terms, live, "after article {i}");
        assert!(c.postings <= 2 * live + 4096 + 300);
    }
    // The window retired the old stories, and the index holds no more than
    // the live centroids and the allowed slack.
    assert!(c.live_stories() <= 30 + SWEEP_EVERY as usize + 1);
}
