//! Running one job per input on all cores, with results handed back in input order.

use std::io::{self, IsTerminal, Write};
use std::num::NonZeroUsize;
use std::sync::mpsc;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use crate::input::Input;

/// How bad the outcome of one input (or of the whole run) is; the process exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    /// Nothing to complain about.
    Ok = 0,
    /// `check`: a report has error diagnostics.
    Errors = 1,
    /// A file could not be read or is not a report (or output could not be written).
    Failed = 2,
}

/// Inputs are processed in chunks of this many per thread, so that output streams in
/// input order while memory stays bounded on large datasets (two chunks at most are
/// held: the one being written and the one being worked on).
const CHUNK_PER_THREAD: usize = 16;

/// Output that does not garble the progress bar.
pub struct Messages {
    bar: ProgressBar,
}

impl Messages {
    /// Print `nianbao: {text}` on standard error. Errors writing to stderr are ignored:
    /// there is nowhere left to report them.
    pub fn say(&self, text: &str) {
        self.bar.suspend(|| {
            let _ = writeln!(io::stderr().lock(), "nianbao: {text}");
        });
    }

    /// Write `text` (UTF-8) to `out`. While the progress bar is drawn, the bar is
    /// lifted and `out` flushed, so that output on the same terminal is not drawn over.
    pub fn print(&self, out: &mut impl Write, text: &[u8]) -> io::Result<()> {
        if text.is_empty() {
            return Ok(());
        }
        if self.bar.is_hidden() {
            return out.write_all(text);
        }
        self.bar.suspend(|| {
            out.write_all(text)?;
            out.flush()
        })
    }
}

/// A failed write to standard output as a message; a closed pipe
/// (`nianbao … | head`) just ends the output.
pub fn closed_pipe_is_fine(e: io::Error) -> Result<(), String> {
    if e.kind() == io::ErrorKind::BrokenPipe {
        Ok(())
    } else {
        Err(format!("cannot write the output: {e}"))
    }
}

/// Whether to draw a progress bar for `n` inputs: only for several inputs, only when
/// standard error is a terminal, never in CI.
fn wants_progress(n: usize) -> bool {
    n > 1 && io::stderr().is_terminal() && std::env::var_os("CI").is_none()
}

fn progress_bar(n: usize) -> ProgressBar {
    if !wants_progress(n) {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(n as u64), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template(
        "{spinner} {elapsed_precise} [{wide_bar}] {pos}/{len} reports ({per_sec}, {eta} left)",
    ) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

/// Run `work` on every input, in parallel, and give each result to `emit` in input
/// order. `emit` returns an error only when standard output failed; the run stops then.
///
/// Returns `Err` with a message when the thread pool could not be built or output
/// failed for another reason than a closed pipe; a closed pipe (`nianbao … | head`)
/// ends the run quietly.
pub fn ordered<T, W, E>(
    inputs: &[Input],
    threads: Option<NonZeroUsize>,
    work: W,
    mut emit: E,
) -> Result<(), String>
where
    T: Send,
    W: Fn(&Input) -> T + Sync,
    E: FnMut(&Input, T, &Messages) -> io::Result<()>,
{
    let bar = progress_bar(inputs.len());
    let messages = Messages { bar: bar.clone() };
    let finish = |result: io::Result<()>| {
        bar.finish_and_clear();
        result.or_else(closed_pipe_is_fine)
    };

    if inputs.len() <= 1 {
        let result = inputs
            .iter()
            .try_for_each(|input| emit(input, work(input), &messages));
        return finish(result);
    }

    let mut builder = rayon::ThreadPoolBuilder::new();
    if let Some(n) = threads {
        builder = builder.num_threads(n.get());
    }
    let pool = builder
        .build()
        .map_err(|e| format!("cannot start worker threads: {e}"))?;
    let chunk = pool.current_num_threads().max(1) * CHUNK_PER_THREAD;
    // Each chunk is handed to the pool as soon as the one before it is, and written
    // while the pool works on the next: the threads never wait for the output, nor
    // for the slowest input of a chunk while others are left.
    let result = pool.in_place_scope(|scope| {
        let (work, bar) = (&work, &bar);
        let mut written: Option<(&[Input], mpsc::Receiver<Vec<T>>)> = None;
        for inputs in inputs.chunks(chunk).map(Some).chain([None]) {
            let next = inputs.map(|inputs| {
                let (done, results) = mpsc::sync_channel(1);
                scope.spawn(move |_| {
                    let chunk: Vec<T> = inputs
                        .par_iter()
                        .map(|input| {
                            let result = work(input);
                            bar.inc(1);
                            result
                        })
                        .collect();
                    // the receiver is gone only when writing failed
                    let _ = done.send(chunk);
                });
                (inputs, results)
            });
            if let Some((inputs, results)) = written.take() {
                let Ok(results) = results.recv() else {
                    // a worker panicked: the scope passes the panic on
                    break;
                };
                inputs
                    .iter()
                    .zip(results)
                    .try_for_each(|(input, result)| emit(input, result, &messages))?;
            }
            written = next;
        }
        Ok(())
    });
    finish(result)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::Source;

    fn inputs(n: usize) -> Vec<Input> {
        (0..n)
            .map(|i| Input {
                name: i.to_string(),
                source: Source::Unreadable(String::new()),
            })
            .collect()
    }

    #[test]
    fn results_come_back_in_input_order() {
        let inputs = inputs(1000);
        let mut seen = Vec::new();
        let threads = NonZeroUsize::new(4);
        ordered(
            &inputs,
            threads,
            |input| {
                // Uneven work, so that later inputs often finish first.
                let n: usize = input.name.parse().unwrap_or(0);
                std::thread::sleep(std::time::Duration::from_micros((n % 7) as u64 * 50));
                n
            },
            |input, n, _| {
                assert_eq!(input.name, n.to_string());
                seen.push(n);
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(seen, (0..1000).collect::<Vec<_>>());
    }

    #[test]
    fn a_failed_write_stops_the_work_a_chunk_ahead() {
        // 2 threads: chunks of 32; the write of input 40 (the second chunk) fails
        let inputs = inputs(1000);
        let worked = std::sync::atomic::AtomicUsize::new(0);
        let mut written = 0;
        let result = ordered(
            &inputs,
            NonZeroUsize::new(2),
            |_| {
                worked.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            },
            |input, (), _| {
                written += 1;
                if input.name == "40" {
                    return Err(io::Error::other("disk full"));
                }
                Ok(())
            },
        );
        assert!(result.unwrap_err().contains("disk full"));
        assert_eq!(written, 41);
        // the chunk written and the one being worked on when it failed, no more
        let worked = worked.into_inner();
        assert!((64..=96).contains(&worked), "{worked}");
    }

    #[test]
    fn a_closed_pipe_stops_quietly_and_other_errors_are_reported() {
        let inputs = inputs(3);
        let mut calls = 0;
        let result = ordered(
            &inputs,
            None,
            |_| (),
            |_, (), _| {
                calls += 1;
                Err(io::Error::from(io::ErrorKind::BrokenPipe))
            },
        );
        assert_eq!(result, Ok(()));
        assert_eq!(calls, 1);
        let result = ordered(
            &inputs,
            None,
            |_| (),
            |_, (), _| Err(io::Error::other("disk full")),
        );
        assert!(result.unwrap_err().contains("disk full"));
    }
}
