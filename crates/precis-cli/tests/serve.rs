//! `precis serve`: the binary starts the service, answers as `precis
//! summarize` does, and stops on SIGTERM after answering the request in flight.

use crate::util::{precis, EXAMPLE};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// A `precis serve` process on a free loopback port.
struct Served {
    child: Child,
    addr: String,
    stderr: BufReader<std::process::ChildStderr>,
}

impl Served {
    fn start(extra: &[&str]) -> Served {
        let mut child = Command::new(env!("CARGO_BIN_EXE_precis"))
            .args(["serve", "--addr", "127.0.0.1:0"])
            .args(extra)
            .env("RUST_LOG", "info")
            .env_remove("PRECIS_API_KEY")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawning precis serve");
        let mut stderr = BufReader::new(child.stderr.take().unwrap());
        let mut line = String::new();
        let addr = loop {
            line.clear();
            assert!(
                stderr.read_line(&mut line).unwrap() > 0,
                "precis serve exited before listening"
            );
            if let Some(rest) = line.split("listening on http://").nth(1) {
                break rest.split_whitespace().next().unwrap().to_owned();
            }
        };
        Served { child, addr, stderr }
    }

    fn connect(&self) -> TcpStream {
        let c = TcpStream::connect(&self.addr).unwrap();
        c.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
        c
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The example cluster as a request body, read as `precis summarize DIR` reads it.
fn example_body(parameters: &str) -> String {
    let mut names: Vec<_> = std::fs::read_dir(EXAMPLE)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    let docs: Vec<serde_json::Value> = names
        .iter()
        .map(|n| serde_json::json!({"id": n, "text": std::fs::read_to_string(format!("{EXAMPLE}/{n}")).unwrap()}))
        .collect();
    let params: serde_json::Value = serde_json::from_str(parameters).unwrap();
    serde_json::json!({"id": "kerry-lavrov-syria", "documents": docs, "parameters": params})
        .to_string()
}

fn request_head(path: &str, len: usize) -> String {
    format!("POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {len}\r\nConnection: close\r\n\r\n")
}

/// Status and body of the answer on `c`.
fn read_answer(c: &mut TcpStream) -> (u16, String) {
    let mut text = String::new();
    c.read_to_string(&mut text).unwrap();
    let status = text.split(' ').nth(1).unwrap().parse().unwrap();
    let body = text.split_once("\r\n\r\n").map(|(_, b)| b.to_owned()).unwrap_or_default();
    (status, body)
}

#[test]
fn serve_answers_as_summarize_does_and_stops_on_sigterm() {
    let mut served = Served::start(&["--workers", "2"]);
    let cli = precis(
        &["summarize", EXAMPLE, "--format", "json", "--method", "lexrank", "--words", "80"],
        b"",
    );
    cli.code(0);
    let expected: serde_json::Value = serde_json::from_str(&cli.stdout).unwrap();

    let body = example_body(r#"{"method": "lexrank", "words": 80}"#);
    let mut c = served.connect();
    write!(c, "{}{body}", request_head("/v1/summarize", body.len())).unwrap();
    let (status, answer) = read_answer(&mut c);
    assert_eq!(status, 200, "{answer}");
    let answer: serde_json::Value = serde_json::from_str(&answer).unwrap();
    assert_eq!(answer, expected);

    // A request in flight (its body half sent) when SIGTERM arrives is
    // still answered; then the process exits with status 0.
    let mut slow = served.connect();
    write!(slow, "{}{}", request_head("/v1/summarize", body.len()), &body[..100]).unwrap();
    slow.flush().unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let pid = served.child.id().to_string();
    let kill = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
    assert!(kill.success());
    std::thread::sleep(Duration::from_millis(300));
    slow.write_all(&body.as_bytes()[100..]).unwrap();
    let (status, answer) = read_answer(&mut slow);
    assert_eq!(status, 200, "{answer}");
    let status = served.child.wait().unwrap();
    assert!(status.success(), "{status:?}");
    let mut log = String::new();
    served.stderr.read_to_string(&mut log).unwrap();
    assert!(log.contains("shutting down") && log.contains("all requests answered"), "{log}");
}

#[test]
fn serve_rejects_bad_flags() {
    precis(&["serve", "--addr", "nowhere"], b"").code(2);
    precis(&["serve", "--workers", "0"], b"").code(2);
}
