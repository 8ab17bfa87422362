//! Text the tests summarize: three small invented news clusters, written
//! for these tests (no outside text), each of three short articles that
//! report the same story in different words.

/// One invented story: a cluster id and its articles as (id, text).
pub struct Story {
    pub id: &'static str,
    pub docs: &'static [(&'static str, &'static str)],
}

pub const FLOOD: Story = Story {
    id: "marlowe-flood",
    docs: &[
        (
            "wire-1",
            "MARLOWE - The river Aske burst its banks early on Tuesday, flooding more than two hundred homes in the town of Marlowe.\n\
             Emergency crews used boats to rescue residents from the lower streets near the old stone bridge.\n\
             The mayor, Helen Ostrova, said the town had not seen water this high since the great flood of 1968.\n\
             Forecasters expect the river to keep rising until Wednesday evening as more rain falls on the hills upstream.\n\
             A school gymnasium has been opened as a shelter, and the county has asked volunteers to bring blankets and dry food.",
        ),
        (
            "wire-2",
            "Rescue teams in boats pulled dozens of people from flooded houses in Marlowe on Tuesday after the Aske overflowed.\n\n\
             Mayor Helen Ostrova told reporters that about two hundred homes were under water and that no one had been reported missing.\n\n\
             \"We have not seen anything like this since 1968,\" she said, standing on the steps of the town hall.\n\n\
             The weather service warned that heavy rain in the hills would push the river higher until at least Wednesday night.",
        ),
        (
            "wire-3",
            "Volunteers filled sandbags through the night as the river Aske rose through the centre of Marlowe.\n\
             The county opened a shelter in a school gymnasium, where more than eighty residents spent the night on camp beds.\n\
             Shop owners on Bridge Street said the water reached the top of their counters within an hour.\n\
             Officials said the railway line to the coast would stay closed until engineers could inspect the embankment.",
        ),
    ],
};

pub const TRAM: Story = Story {
    id: "tram-vote",
    docs: &[
        (
            "a",
            "The city council of Lindqvist voted eleven to four on Monday night to build a tram line linking the harbour to the university.\n\
             Supporters said the line would cut car traffic in the old town and give students a cheap way to reach the campus.\n\
             The project is expected to cost about 310 million euros and to open in the spring of 2029.\n\
             Opponents on the council argued that the money would be better spent on repairing existing bus routes.",
        ),
        (
            "b",
            "After a debate that lasted almost six hours, Lindqvist councillors approved the long-awaited harbour-to-university tram.\n\
             The vote was eleven in favour and four against, with the four opposing members saying bus repairs should come first.\n\
             City planners estimate the cost at 310 million euros, with a third of the money coming from a national transport fund.\n\
             Construction on the first section along the harbour front is due to begin next autumn.",
        ),
        (
            "c",
            "Shopkeepers along the planned tram route in Lindqvist said they feared two years of road works would drive customers away.\n\
             The council promised compensation for businesses whose takings fall sharply while the tracks are being laid.\n\
             Students at the university welcomed Monday's vote, saying the current bus to the campus is slow and often full.",
        ),
    ],
};

pub const COMET: Story = Story {
    id: "comet-sighting",
    docs: &[
        (
            "obs-1",
            "Astronomers at the Hallberg Observatory reported on Friday that a newly found comet will pass close enough to be seen without a telescope next month.\n\
             The comet, catalogued as C/2031 K2, was first spotted in photographs taken by an amateur astronomer in a mountain village.\n\
             Its closest approach to the Sun is expected on the ninth of next month, when it may grow a long bright tail.",
        ),
        (
            "obs-2",
            "An amateur astronomer photographing the night sky from a mountain village has found a comet that may become visible to the naked eye.\n\
             Scientists at the Hallberg Observatory confirmed the discovery on Friday and said the comet would be brightest early next month.\n\
             They cautioned that comets often break apart or fade as they near the Sun, so the show is not guaranteed.",
        ),
        (
            "obs-3",
            "The best time to look for the new comet will be just after sunset, low in the western sky, according to the Hallberg Observatory.\n\
             Observers in cities should find a dark spot away from street lights, because light pollution can hide the faint tail.\n\
             The amateur who found the comet said he had been searching the same patch of sky for eleven years.",
        ),
    ],
};

pub const STORIES: [Story; 3] = [FLOOD, TRAM, COMET];

impl Story {
    /// The story as one JSONL record of the shared-data schema (with the
    /// extra fields the CLI must ignore).
    pub fn record(&self) -> String {
        self.record_as(self.id)
    }

    /// The story as a JSONL record with another cluster id.
    pub fn record_as(&self, id: &str) -> String {
        let docs: Vec<serde_json::Value> = self
            .docs
            .iter()
            .map(|(id, text)| serde_json::json!({"id": id, "text": text}))
            .collect();
        let v = serde_json::json!({"id": id, "source": "test", "documents": docs, "summaries": ["unused"]});
        v.to_string()
    }
}
