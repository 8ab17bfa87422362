//! Story clustering of an article stream, online.
//!
//! A news feed is not handed over in clusters: articles arrive one at a time
//! and each must be put in a story as it comes, from what came before it.
//! [`StoryClusterer::assign`] does that in one pass:
//!
//! 1. The article becomes a tf-idf vector over stems of content words
//!    (`features.rs`): names (capitalized words inside a sentence) and the
//!    lead (title, dateline, first words) count more, and the inverse
//!    document frequencies are those of the stream so far.
//! 2. Candidate stories are found through an inverted index over centroid
//!    terms: each story sharing one of the article's heaviest terms gains
//!    that term's weight, reading only the newest postings of each term,
//!    and the few stories with the most weight are scored by the cosine
//!    between the article and their centroid, less a penalty growing with
//!    the log of the days since the story's last article. Both bounds
//!    (`max_postings`, `max_candidates`) make an article's cost independent
//!    of the number of live stories, so the cost of a stream is linear in
//!    its length.
//! 3. The article joins the best story if its score reaches the threshold,
//!    and starts a new story otherwise. When the runner-up story also
//!    reaches it and the two centroids are close, the stories are merged
//!    (into the older one): later articles then go to one story, while the
//!    ids already given out stay as they were.
//!
//! Memory is bounded: a story that has been quiet for more than the window
//! (days when articles are dated, and articles read, 10,000 by default,
//! which bounds undated streams too) is retired, centroids
//! keep their heaviest terms only, the index is rebuilt when stale entries
//! pile up, and the document-frequency table forgets its rarest terms when
//! it grows past a bound.
//!
//! Dates need not arrive in order: the clock is the latest date seen, gaps
//! are measured both ways, and an article older than the window is still
//! compared with the live stories (it may start a story that the next sweep
//! retires). Output depends on the input order alone: the same stream gives
//! the same stories.

mod features;

use features::{Boosts, Featurizer};
use rustc_hash::FxHashMap;

/// Settings of the clusterer. [`StoryConfig::default`] is the tuned one.
#[derive(Debug, Clone, PartialEq)]
pub struct StoryConfig {
    /// Least score (cosine less the time penalty) to join a story.
    pub threshold: f32,
    /// Retire a story when the latest date seen is more than this many days
    /// after its last article (dated streams).
    pub window_days: Option<u32>,
    /// Retire a story when this many articles have been read since its
    /// last one (any stream).
    pub window_articles: Option<u64>,
    /// Weight of a capitalized word inside a sentence.
    pub name_weight: f32,
    /// Weight of a word of the title or of the first `lead_words` words.
    pub lead_weight: f32,
    /// How many words open an article's lead.
    pub lead_words: usize,
    /// Score penalty per unit of `ln(1 + gap / 30 days)`.
    pub time_penalty: f32,
    /// Least cosine between two stories' centroids to merge them (above 1:
    /// never; merging did not help on the development stream).
    pub merge_threshold: f32,
    /// Added to `ln((n + 1) / (df + 1))` in the inverse document frequency.
    pub idf_offset: f32,
    /// Weight of a term's count: 1 + ln(tf) when true, tf otherwise.
    pub sublinear_tf: bool,
    /// Terms kept in an article's vector (the heaviest).
    pub article_terms: usize,
    /// Terms kept in a story's centroid (the heaviest).
    pub story_terms: usize,
    /// The article's heaviest terms used to find candidate stories.
    pub probe_terms: usize,
    /// Most postings read per probe term (the newest), which bounds the
    /// cost of finding candidates however many stories are live.
    pub max_postings: usize,
    /// Most candidate stories scored in full per article: those sharing
    /// the most probe weight with it.
    pub max_candidates: usize,
    /// Most terms the document-frequency table holds before it forgets
    /// the rarest.
    pub max_vocabulary: usize,
}

impl Default for StoryConfig {
    fn default() -> Self {
        StoryConfig {
            threshold: 0.16,
            window_days: Some(1000),
            window_articles: Some(10_000),
            name_weight: 1.0,
            lead_weight: 1.0,
            lead_words: 0,
            time_penalty: 0.0,
            merge_threshold: 2.0,
            idf_offset: 0.5,
            sublinear_tf: true,
            article_terms: 100,
            story_terms: 300,
            probe_terms: 20,
            max_postings: 256,
            max_candidates: 16,
            max_vocabulary: 2_000_000,
        }
    }
}

/// One article of the stream, as the clusterer reads it.
#[derive(Debug, Clone, Copy, Default)]
pub struct Article<'a> {
    /// The body text.
    pub text: &'a str,
    /// The headline, if known.
    pub title: Option<&'a str>,
    /// The publication day (days since 1970-01-01, as
    /// [`DocDate::day`](crate::ingest::DocDate::day) gives), if known.
    pub day: Option<i64>,
}

/// Where an article went.
#[derive(Debug, Clone, PartialEq)]
pub struct Assignment {
    /// The story id: stories are numbered from 1 in order of creation.
    pub story: u64,
    /// Whether the article started the story.
    pub new_story: bool,
    /// The score with which it joined (0 for a new story).
    pub score: f32,
    /// A story merged into `story` because this article bridged them; it
    /// gets no more articles.
    pub absorbed: Option<u64>,
}

/// A live story.
#[derive(Debug)]
struct Story {
    id: u64,
    /// Sum of member vectors, heaviest `story_terms` terms, sorted by term.
    centroid: Vec<(u64, f32)>,
    norm: f32,
    articles: u64,
    first_day: Option<i64>,
    last_day: Option<i64>,
    /// Index in the stream of its last article.
    last_seen: u64,
}

/// The online story clusterer: feed it articles in stream order.
pub struct StoryClusterer {
    config: StoryConfig,
    featurizer: Featurizer,
    /// Document frequency of each term hash in the stream so far.
    df: FxHashMap<u64, u32>,
    /// Articles read.
    read: u64,
    /// Background articles counted by [`StoryClusterer::observe`].
    background: u64,
    /// The latest day seen.
    clock: Option<i64>,
    /// Live stories; `None` is a free slot.
    slots: Vec<Option<Story>>,
    free: Vec<u32>,
    /// Term → slots whose centroid held the term when indexed (may be stale).
    index: FxHashMap<u64, Vec<u32>>,
    postings: usize,
    /// Per slot: the article that last scored it (to score each once).
    stamp: Vec<u64>,
    /// Per slot: probe weight shared with the current article.
    gain: Vec<f32>,
    /// Terms in the live stories' centroids (what a fresh index holds).
    live_terms: usize,
    next_id: u64,
    retired: Vec<u64>,
}

impl std::fmt::Debug for StoryClusterer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StoryClusterer")
            .field("read", &self.read)
            .field("live", &self.live_stories())
            .finish()
    }
}

/// How often (in articles) quiet stories are looked for.
const SWEEP_EVERY: u64 = 64;

impl StoryClusterer {
    /// A clusterer with no stories yet.
    pub fn new(config: StoryConfig) -> StoryClusterer {
        StoryClusterer {
            config,
            featurizer: Featurizer::default(),
            df: FxHashMap::default(),
            read: 0,
            background: 0,
            clock: None,
            slots: Vec::new(),
            free: Vec::new(),
            index: FxHashMap::default(),
            postings: 0,
            stamp: Vec::new(),
            gain: Vec::new(),
            live_terms: 0,
            next_id: 1,
            retired: Vec::new(),
        }
    }

    /// The settings in use.
    pub fn config(&self) -> &StoryConfig {
        &self.config
    }

    /// Number of stories still open.
    pub fn live_stories(&self) -> usize {
        self.slots.iter().filter(|s| s.is_some()).count()
    }

    /// Ids of the stories retired (quiet for longer than the window, or
    /// merged into another) since the last call, in the order it happened.
    pub fn take_retired(&mut self) -> Vec<u64> {
        std::mem::take(&mut self.retired)
    }

    /// Counts an article in the document frequencies only (a background
    /// corpus read before the stream, so its first articles are weighted
    /// as well as later ones).
    pub fn observe(&mut self, article: &Article<'_>) {
        let c = &self.config;
        let boosts = Boosts { name: c.name_weight, lead: c.lead_weight, lead_words: c.lead_words };
        let counts = self.featurizer.counts(article.title, article.text, &boosts);
        for &(t, _) in &counts {
            *self.df.entry(t).or_insert(0) += 1;
        }
        self.background += 1;
    }

    /// Puts the next article of the stream in a story.
    pub fn assign(&mut self, article: &Article<'_>) -> Assignment {
        self.read += 1;
        if let Some(day) = article.day {
            self.clock = Some(self.clock.map_or(day, |c| c.max(day)));
        }
        if self.read % SWEEP_EVERY == 0 {
            self.sweep();
        }
        let vector = self.vectorize(article);
        let mut best: Option<(f32, u32)> = None;
        for slot in self.candidates(&vector) {
            let Some(story) = &self.slots[slot as usize] else { continue };
            let score = self.score(&vector, article.day, story);
            if best
                .is_none_or(|(s, other)| score > s || (score == s && story.id < self.id_of(other)))
            {
                best = Some((score, slot));
            }
        }
        let threshold = self.config.threshold;
        match best {
            Some((score, slot)) if score >= threshold => {
                self.add(slot, &vector, article.day);
                let mut absorbed = None;
                if self.config.merge_threshold <= 1.0 {
                    if let Some(other) = self.closest_story(slot) {
                        absorbed = Some(self.merge(slot, other));
                    }
                }
                let story = self.slots[slot as usize].as_ref().map_or(0, |s| s.id);
                let story = match absorbed {
                    Some((survivor, _)) => survivor,
                    None => story,
                };
                Assignment { story, new_story: false, score, absorbed: absorbed.map(|a| a.1) }
            }
            _ => {
                let id = self.open(vector, article.day);
                Assignment { story: id, new_story: true, score: 0.0, absorbed: None }
            }
        }
    }

    /// The live stories worth scoring in full for an article: through the
    /// index, each story sharing one of the article's `probe_terms` heaviest
    /// terms gains that term's weight (reading at most `max_postings` of
    /// each term's newest postings), and the `max_candidates` stories with
    /// the most weight are kept (ties to the most recently active). The
    /// cost is bounded by the settings, not by the number of live stories.
    /// In slot order.
    fn candidates(&mut self, vector: &[(u64, f32)]) -> Vec<u32> {
        let probes = heaviest(vector, self.config.probe_terms);
        let mut touched: Vec<u32> = Vec::new();
        for &(term, w) in &probes {
            let Some(list) = self.index.get(&term) else { continue };
            let from = list.len().saturating_sub(self.config.max_postings);
            for &slot in &list[from..] {
                let s = slot as usize;
                if self.stamp[s] != self.read {
                    self.stamp[s] = self.read;
                    self.gain[s] = 0.0;
                    touched.push(slot);
                }
                self.gain[s] += w;
            }
        }
        if touched.len() > self.config.max_candidates {
            let (gain, slots) = (&self.gain, &self.slots);
            let seen = |s: u32| slots[s as usize].as_ref().map_or(0, |s| s.last_seen);
            // Most weight first; ties to the story that took an article last.
            touched.sort_unstable_by(|&a, &b| {
                gain[b as usize]
                    .total_cmp(&gain[a as usize])
                    .then(seen(b).cmp(&seen(a)))
                    .then(a.cmp(&b))
            });
            touched.truncate(self.config.max_candidates);
        }
        touched.sort_unstable();
        touched
    }

    /// The live story whose centroid is closest to the one in `slot`, if
    /// their cosine reaches the merge threshold.
    fn closest_story(&mut self, slot: u32) -> Option<u32> {
        let Some(story) = &self.slots[slot as usize] else { return None };
        let probes = heaviest(&story.centroid, self.config.probe_terms);
        // A stamp no article uses.
        let stamp = u64::MAX - self.read;
        self.stamp[slot as usize] = stamp;
        let mut best: Option<(f32, u32)> = None;
        for &(term, _) in &probes {
            let Some(list) = self.index.get(&term) else { continue };
            for &other in list {
                if self.stamp[other as usize] == stamp || self.slots[other as usize].is_none() {
                    continue;
                }
                self.stamp[other as usize] = stamp;
                let c = self.centroid_cosine(slot, other);
                if c >= self.config.merge_threshold
                    && best
                        .is_none_or(|(b, o)| c > b || (c == b && self.id_of(other) < self.id_of(o)))
                {
                    best = Some((c, other));
                }
            }
        }
        best.map(|(_, o)| o)
    }

    fn id_of(&self, slot: u32) -> u64 {
        self.slots[slot as usize].as_ref().map_or(u64::MAX, |s| s.id)
    }

    /// The article's unit tf-idf vector over its heaviest terms, sorted by
    /// term; counts it in the document frequencies first.
    fn vectorize(&mut self, article: &Article<'_>) -> Vec<(u64, f32)> {
        let c = &self.config;
        let boosts = Boosts { name: c.name_weight, lead: c.lead_weight, lead_words: c.lead_words };
        let counts = self.featurizer.counts(article.title, article.text, &boosts);
        for &(t, _) in &counts {
            *self.df.entry(t).or_insert(0) += 1;
        }
        if self.df.len() > self.config.max_vocabulary {
            self.forget_rare_terms();
        }
        let n = (self.read + self.background) as f32;
        let mut v: Vec<(u64, f32)> = counts
            .into_iter()
            .map(|(t, tf)| {
                let df = self.df.get(&t).copied().unwrap_or(1) as f32;
                let tf = if self.config.sublinear_tf { 1.0 + tf.ln() } else { tf };
                (t, tf * (((n + 1.0) / (df + 1.0)).ln() + self.config.idf_offset).max(0.0))
            })
            .collect();
        keep_heaviest(&mut v, self.config.article_terms);
        let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
        if norm > 0.0 {
            v.iter_mut().for_each(|(_, w)| *w /= norm);
        }
        v
    }

    /// Halves the document-frequency table's reach: forgets terms seen in
    /// fewer documents than a rising bound until it is below three quarters
    /// of its limit.
    fn forget_rare_terms(&mut self) {
        let target = self.config.max_vocabulary / 4 * 3;
        let mut bound = 2;
        while self.df.len() > target {
            self.df.retain(|_, df| *df >= bound);
            bound *= 2;
        }
    }

    fn score(&self, vector: &[(u64, f32)], day: Option<i64>, story: &Story) -> f32 {
        let cosine = dot(vector, &story.centroid) / story.norm.max(f32::MIN_POSITIVE);
        let penalty = match (day, story.last_day, story.first_day) {
            (Some(d), Some(last), Some(first)) if self.config.time_penalty > 0.0 => {
                // Inside the story's span there is no gap.
                let gap = if d > last {
                    d - last
                } else if d < first {
                    first - d
                } else {
                    0
                };
                self.config.time_penalty * (1.0 + gap as f32 / 30.0).ln()
            }
            _ => 0.0,
        };
        cosine - penalty
    }

    fn centroid_cosine(&self, a: u32, b: u32) -> f32 {
        match (&self.slots[a as usize], &self.slots[b as usize]) {
            (Some(a), Some(b)) => {
                dot(&a.centroid, &b.centroid) / (a.norm * b.norm).max(f32::MIN_POSITIVE)
            }
            _ => 0.0,
        }
    }

    /// Starts a story with one article; returns its id.
    fn open(&mut self, vector: Vec<(u64, f32)>, day: Option<i64>) -> u64 {
        let id = self.next_id;
        self.next_id += 1;
        let norm = norm(&vector);
        let story = Story {
            id,
            centroid: vector,
            norm,
            articles: 1,
            first_day: day,
            last_day: day,
            last_seen: self.read,
        };
        let slot = match self.free.pop() {
            Some(slot) => {
                self.slots[slot as usize] = Some(story);
                slot
            }
            None => {
                self.slots.push(Some(story));
                self.stamp.push(0);
                self.gain.push(0.0);
                (self.slots.len() - 1) as u32
            }
        };
        self.index_terms(slot, None);
        id
    }

    /// Adds an article's vector to a story.
    fn add(&mut self, slot: u32, vector: &[(u64, f32)], day: Option<i64>) {
        let keep = self.config.story_terms;
        let Some(story) = self.slots[slot as usize].as_mut() else { return };
        let old: Vec<u64> = story.centroid.iter().map(|&(t, _)| t).collect();
        story.centroid = sum(&story.centroid, vector);
        keep_heaviest(&mut story.centroid, keep);
        story.norm = norm(&story.centroid);
        story.articles += 1;
        story.last_seen = self.read;
        if let Some(d) = day {
            story.first_day = Some(story.first_day.map_or(d, |f| f.min(d)));
            story.last_day = Some(story.last_day.map_or(d, |l| l.max(d)));
        }
        self.index_terms(slot, Some(&old));
    }

    /// Merges the story in `other` into the one in `slot`, the older
    /// (smaller id) surviving; returns (survivor id, absorbed id).
    fn merge(&mut self, slot: u32, other: u32) -> (u64, u64) {
        let (keep, gone) =
            if self.id_of(slot) < self.id_of(other) { (slot, other) } else { (other, slot) };
        let Some(g) = self.slots[gone as usize].take() else { return (self.id_of(keep), 0) };
        self.free.push(gone);
        self.retired.push(g.id);
        self.live_terms -= g.centroid.len();
        let terms = self.config.story_terms;
        let Some(k) = self.slots[keep as usize].as_mut() else { return (0, g.id) };
        let old: Vec<u64> = k.centroid.iter().map(|&(t, _)| t).collect();
        k.centroid = sum(&k.centroid, &g.centroid);
        keep_heaviest(&mut k.centroid, terms);
        k.norm = norm(&k.centroid);
        k.articles += g.articles;
        k.last_seen = k.last_seen.max(g.last_seen);
        k.first_day = min_opt(k.first_day, g.first_day);
        k.last_day = max_opt(k.last_day, g.last_day);
        let id = k.id;
        self.index_terms(keep, Some(&old));
        (id, g.id)
    }

    /// Adds postings for the terms of the slot's centroid that were not in
    /// `old` (sorted), rebuilding the index when stale postings pile up.
    fn index_terms(&mut self, slot: u32, old: Option<&[u64]>) {
        let Some(story) = &self.slots[slot as usize] else { return };
        self.live_terms = self.live_terms + story.centroid.len() - old.map_or(0, <[u64]>::len);
        let old = old.unwrap_or(&[]);
        let mut j = 0;
        for &(t, _) in &story.centroid {
            // Both sorted by term: walk `old` alongside.
            while j < old.len() && old[j] < t {
                j += 1;
            }
            if j < old.len() && old[j] == t {
                continue;
            }
            self.index.entry(t).or_default().push(slot);
            self.postings += 1;
        }
        if self.postings > 2 * self.live_terms + 4096 {
            self.rebuild_index();
        }
    }

    /// Rebuilds the index from the live centroids, the stories that last
    /// took an article last in each list (the postings read first).
    fn rebuild_index(&mut self) {
        self.index.clear();
        self.postings = 0;
        let mut order: Vec<(u64, u32)> = (self.slots.iter().enumerate())
            .filter_map(|(slot, s)| s.as_ref().map(|s| (s.last_seen, slot as u32)))
            .collect();
        order.sort_unstable();
        for (_, slot) in order {
            if let Some(story) = &self.slots[slot as usize] {
                for &(t, _) in &story.centroid {
                    self.index.entry(t).or_default().push(slot);
                    self.postings += 1;
                }
            }
        }
    }

    /// Retires the stories that have been quiet for longer than the window.
    fn sweep(&mut self) {
        let (days, articles) = (self.config.window_days, self.config.window_articles);
        let mut any = false;
        for (slot, entry) in self.slots.iter_mut().enumerate() {
            let Some(story) = entry else { continue };
            let by_days = match (days, self.clock, story.last_day) {
                (Some(w), Some(clock), Some(last)) => clock - last > i64::from(w),
                _ => false,
            };
            let by_articles = articles.is_some_and(|w| self.read - story.last_seen > w);
            if by_days || by_articles {
                self.retired.push(story.id);
                self.live_terms -= story.centroid.len();
                *entry = None;
                self.free.push(slot as u32);
                any = true;
            }
        }
        if any {
            // Reuse the lowest free slots first, so slot order stays compact.
            self.free.sort_unstable_by(|a, b| b.cmp(a));
            if self.postings > 2 * self.live_terms + 4096 {
                self.rebuild_index();
            }
        }
    }
}

fn min_opt(a: Option<i64>, b: Option<i64>) -> Option<i64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

fn max_opt(a: Option<i64>, b: Option<i64>) -> Option<i64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

/// Keeps the `n` heaviest entries (ties by term), sorted by term.
fn keep_heaviest(v: &mut Vec<(u64, f32)>, n: usize) {
    if v.len() > n {
        if n > 0 {
            v.select_nth_unstable_by(n - 1, heavier_first);
        }
        v.truncate(n);
        v.sort_unstable_by_key(|&(t, _)| t);
    }
}

/// Order of weight, heaviest first, ties by term.
fn heavier_first(a: &(u64, f32), b: &(u64, f32)) -> std::cmp::Ordering {
    b.1.total_cmp(&a.1).then(a.0.cmp(&b.0))
}

/// The `n` heaviest entries of `v`, heaviest first (ties by term).
fn heaviest(v: &[(u64, f32)], n: usize) -> Vec<(u64, f32)> {
    let mut out = v.to_vec();
    if out.len() > n && n > 0 {
        out.select_nth_unstable_by(n - 1, heavier_first);
    }
    out.truncate(n);
    out.sort_unstable_by(heavier_first);
    out
}

fn norm(v: &[(u64, f32)]) -> f32 {
    v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt()
}

/// Dot product of two vectors sorted by term.
fn dot(a: &[(u64, f32)], b: &[(u64, f32)]) -> f32 {
    crate::represent::merge_dot(a, b).0
}

/// Sum of two vectors sorted by term.
fn sum(a: &[(u64, f32)], b: &[(u64, f32)]) -> Vec<(u64, f32)> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if j == b.len() || (i < a.len() && a[i].0 < b[j].0) {
            out.push(a[i]);
            i += 1;
        } else if i == a.len() || b[j].0 < a[i].0 {
            out.push(b[j]);
            j += 1;
        } else {
            out.push((a[i].0, a[i].1 + b[j].1));
            i += 1;
            j += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests;
