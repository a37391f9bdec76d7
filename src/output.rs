//! All printing goes through [`Output`], built once at start-up from the
//! terminal state and `NO_COLOR`. Data goes to stdout; progress, prompts,
//! warnings and errors go to stderr.

use std::io::{BufWriter, IsTerminal, StdoutLock, Write};
use std::time::Duration;

use anyhow::Context as _;
use comfy_table::{ContentArrangement, Table, presets};
use serde::Serialize;

use crate::text::strip_control;

/// Colours and weights the tool uses.
#[derive(Debug, Clone, Copy)]
pub enum Style {
    Good,
    Warn,
    Bad,
    Dim,
    Bold,
}

impl Style {
    fn ansi(self) -> &'static str {
        match self {
            Style::Good => "\x1b[32m",
            Style::Warn => "\x1b[33m",
            Style::Bad => "\x1b[31m",
            Style::Dim => "\x1b[2m",
            Style::Bold => "\x1b[1m",
        }
    }
}

/// Terminal state and colour choice for stdout and stderr.
#[derive(Debug, Clone)]
pub struct Output {
    stdout_terminal: bool,
    stderr_terminal: bool,
    stdout_color: bool,
    stderr_color: bool,
}

impl Output {
    /// Detects terminals. Colour is used only on a terminal, never when
    /// `NO_COLOR` is set or `TERM=dumb`.
    pub fn detect(no_color: bool, dumb_terminal: bool) -> Output {
        let stdout_terminal = std::io::stdout().is_terminal();
        let stderr_terminal = std::io::stderr().is_terminal();
        let color_allowed = !no_color && !dumb_terminal;
        Output {
            stdout_terminal,
            stderr_terminal,
            stdout_color: color_allowed && stdout_terminal,
            stderr_color: color_allowed && stderr_terminal,
        }
    }

    pub fn stdout_is_terminal(&self) -> bool {
        self.stdout_terminal
    }

    pub fn stderr_is_terminal(&self) -> bool {
        self.stderr_terminal
    }

    /// Wraps text for stdout in a style when colour is on.
    pub fn paint(&self, style: Style, text: &str) -> String {
        paint_if(self.stdout_color, style, text)
    }

    /// Wraps text for stderr in a style when colour is on.
    pub fn paint_err(&self, style: Style, text: &str) -> String {
        paint_if(self.stderr_color, style, text)
    }

    /// Writes one line of data to stdout.
    pub fn line(&self, text: &str) -> anyhow::Result<()> {
        let mut stdout = std::io::stdout().lock();
        writeln!(stdout, "{text}").context("failed to write to stdout")?;
        Ok(())
    }

    /// Writes text to stdout as it is.
    pub fn write(&self, text: &str) -> anyhow::Result<()> {
        let mut stdout = std::io::stdout().lock();
        stdout.write_all(text.as_bytes()).context("failed to write to stdout")?;
        stdout.flush().context("failed to write to stdout")?;
        Ok(())
    }

    /// Writes a value as pretty JSON to stdout.
    pub fn json<T: Serialize>(&self, value: &T) -> anyhow::Result<()> {
        let mut text = Vec::new();
        serde_json::to_writer_pretty(&mut text, value).context("failed to encode JSON output")?;
        let text = String::from_utf8(escape_terminal_controls(&text)).context("failed to encode JSON output")?;
        self.line(&text)
    }

    /// Writes a message line to stderr. Errors writing to stderr are ignored
    /// because there is nowhere left to report them.
    pub fn note(&self, text: &str) {
        let _ = writeln!(std::io::stderr().lock(), "{text}");
    }

    /// Writes a warning to stderr.
    pub fn warn(&self, text: &str) {
        let label = self.paint_err(Style::Warn, "warning:");
        self.note(&format!("{label} {text}"));
    }

    /// Prints rows: a table on a terminal, tab-separated lines with a header
    /// when piped. Cells that came from the network are cleaned of control
    /// characters either way.
    pub fn rows(&self, headers: &[&str], rows: &[Vec<String>]) -> anyhow::Result<()> {
        if self.stdout_terminal {
            let mut table = self.table(headers);
            for row in rows {
                table.add_row(row.iter().map(|cell| strip_control(cell)));
            }
            return self.line(&table.to_string());
        }

        let mut text = headers.join("\t");
        text.push('\n');
        for row in rows {
            let cells: Vec<String> = row.iter().map(|cell| tsv_cell(cell)).collect();
            text.push_str(&cells.join("\t"));
            text.push('\n');
        }
        self.write(&text)
    }

    /// Builds a table in the tool's style for terminal output.
    pub fn table(&self, headers: &[&str]) -> Table {
        let mut table = Table::new();
        table
            .load_style(presets::UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_header(headers.iter().copied());
        if !self.stdout_color {
            table.force_no_tty();
        }
        table
    }

    /// Starts a spinner on stderr for a network wait. It shows only when
    /// stderr is a terminal, and clears itself when dropped.
    pub fn spinner(&self, message: &str) -> Spinner {
        if !self.stderr_terminal {
            return Spinner(None);
        }
        let bar = indicatif::ProgressBar::new_spinner();
        bar.set_message(strip_control(message));
        bar.enable_steady_tick(Duration::from_millis(80));
        Spinner(Some(bar))
    }

    /// Starts a progress bar on stderr, shown only when stderr is a terminal.
    pub fn progress(&self, length: u64, message: &str) -> Spinner {
        if !self.stderr_terminal {
            return Spinner(None);
        }
        let bar = indicatif::ProgressBar::new(length);
        if let Ok(style) = indicatif::ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len}") {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message(strip_control(message));
        Spinner(Some(bar))
    }
}

/// A JSON array written to stdout one item at a time, so a long list never
/// has to fit in memory. The text is the same as [`Output::json`] prints for
/// the whole list.
pub struct JsonListWriter<W: Write = BufWriter<StdoutLock<'static>>> {
    out: W,
    items: usize,
    /// The item being written, reused so each item costs no allocation.
    buffer: Vec<u8>,
}

/// Tab-separated lines under a header line, written to stdout one row at a
/// time, as [`Output::rows`] prints them when stdout is not a terminal.
pub struct TsvWriter<W: Write = BufWriter<StdoutLock<'static>>> {
    out: W,
}

/// Size of the buffer between the list writers and stdout.
const LIST_BUFFER_BYTES: usize = 64 * 1024;

impl Output {
    /// Starts a JSON array on stdout.
    pub fn json_list(&self) -> JsonListWriter {
        JsonListWriter::new(BufWriter::with_capacity(LIST_BUFFER_BYTES, std::io::stdout().lock()))
    }

    /// Starts tab-separated output on stdout and writes the header line.
    pub fn tsv_list(&self, headers: &[&str]) -> anyhow::Result<TsvWriter> {
        TsvWriter::new(BufWriter::with_capacity(LIST_BUFFER_BYTES, std::io::stdout().lock()), headers)
    }
}

impl<W: Write> JsonListWriter<W> {
    pub fn new(out: W) -> JsonListWriter<W> {
        JsonListWriter { out, items: 0, buffer: Vec::new() }
    }

    /// Writes one item, indented as a member of the array.
    pub fn item<T: Serialize>(&mut self, item: &T) -> anyhow::Result<()> {
        self.buffer.clear();
        serde_json::to_writer_pretty(&mut self.buffer, item).context("failed to encode JSON output")?;
        // Most items have nothing to escape, so the copy is made only when
        // a byte that may start a control character is present.
        if self.buffer.iter().any(|&byte| byte == 0x7F || byte == 0xC2) {
            self.buffer = escape_terminal_controls(&self.buffer);
        }
        let separator: &[u8] = if self.items == 0 { b"[\n  " } else { b",\n  " };
        self.items += 1;

        // JSON strings cannot contain a raw line break, so every line starts
        // a member or a bracket and can be indented as a whole.
        let mut write = || -> std::io::Result<()> {
            self.out.write_all(separator)?;
            let mut lines = self.buffer.split(|&byte| byte == b'\n');
            if let Some(first) = lines.next() {
                self.out.write_all(first)?;
            }
            for line in lines {
                self.out.write_all(b"\n  ")?;
                self.out.write_all(line)?;
            }
            Ok(())
        };
        write().context("failed to write to stdout")
    }

    /// Closes the array and flushes stdout.
    pub fn finish(mut self) -> anyhow::Result<W> {
        let end = if self.items == 0 { "[]\n" } else { "\n]\n" };
        self.out.write_all(end.as_bytes()).and_then(|()| self.out.flush()).context("failed to write to stdout")?;
        Ok(self.out)
    }
}

impl<W: Write> TsvWriter<W> {
    /// Starts the output with the header line.
    pub fn new(out: W, headers: &[&str]) -> anyhow::Result<TsvWriter<W>> {
        let mut writer = TsvWriter { out };
        writeln!(writer.out, "{}", headers.join("\t")).context("failed to write to stdout")?;
        Ok(writer)
    }

    /// Writes one row; cells are cleaned as [`Output::rows`] cleans them.
    pub fn row(&mut self, cells: &[String]) -> anyhow::Result<()> {
        let cells: Vec<String> = cells.iter().map(|cell| tsv_cell(cell)).collect();
        writeln!(self.out, "{}", cells.join("\t")).context("failed to write to stdout")
    }

    /// Flushes stdout.
    pub fn finish(mut self) -> anyhow::Result<W> {
        self.out.flush().context("failed to write to stdout")?;
        Ok(self.out)
    }
}

/// A spinner or progress bar that may be hidden.
pub struct Spinner(Option<indicatif::ProgressBar>);

impl Spinner {
    pub fn set_message(&self, message: &str) {
        if let Some(bar) = &self.0 {
            bar.set_message(strip_control(message));
        }
    }

    pub fn inc(&self, delta: u64) {
        if let Some(bar) = &self.0 {
            bar.inc(delta);
        }
    }
}

impl Drop for Spinner {
    fn drop(&mut self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}

fn paint_if(enabled: bool, style: Style, text: &str) -> String {
    if enabled {
        format!("{}{text}\x1b[0m", style.ansi())
    } else {
        text.to_string()
    }
}

/// Escapes what serde_json leaves raw but a terminal may act on: DEL and
/// the C1 controls U+0080 to U+009F, such as U+009B, which many terminals
/// read as the start of an escape sequence. In JSON text they can only occur
/// inside strings, where `\u00XX` stands for the same character.
fn escape_terminal_controls(json: &[u8]) -> Vec<u8> {
    let mut escaped = Vec::with_capacity(json.len());
    let mut bytes = json.iter().copied().peekable();
    while let Some(byte) = bytes.next() {
        // In UTF-8, U+0080 to U+009F are 0xC2 followed by 0x80 to 0x9F.
        let control = match byte {
            0x7F => Some(0x7F),
            0xC2 => bytes.next_if(|next| (0x80..=0x9F).contains(next)),
            _ => None,
        };
        match control {
            Some(code) => escaped.extend_from_slice(format!("\\u{code:04x}").as_bytes()),
            None => escaped.push(byte),
        }
    }
    escaped
}

/// Keeps one record per line in tab-separated output.
fn tsv_cell(cell: &str) -> String {
    strip_control(cell).replace(['\t', '\n', '\r'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn json_list_matches_whole_list() {
        let items = [
            json!({"number": 1, "client_ids": ["a", "b"], "note": "two\nlines"}),
            json!({"number": 2, "client_ids": [], "nested": {"empty": {}}}),
            json!({"number": 3, "tab": "a\tb"}),
        ];
        for count in 0..=items.len() {
            let mut writer = JsonListWriter::new(Vec::new());
            for item in &items[..count] {
                writer.item(item).unwrap();
            }
            let written = String::from_utf8(writer.finish().unwrap()).unwrap();
            let whole = serde_json::to_string_pretty(&items[..count].to_vec()).unwrap() + "\n";
            assert_eq!(written, whole, "{count} items");
        }
    }

    #[test]
    fn json_escapes_terminal_controls() {
        let item = json!({"note": "a\u{9b}2J\u{85}\u{7f}b\u{a0}é", "\u{9d}key": 1});
        let mut writer = JsonListWriter::new(Vec::new());
        writer.item(&item).unwrap();
        let written = writer.finish().unwrap();

        let text = String::from_utf8(written).unwrap();
        assert!(!text.chars().any(|c| matches!(c, '\u{7f}'..='\u{9f}')), "{text:?}");
        assert!(text.contains(r"a\u009b2J\u0085\u007fb"), "{text}");
        assert!(text.contains("\u{a0}é"), "{text}");
        let parsed: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(parsed, json!([item]));
    }

    #[test]
    fn tsv_writer_cleans_cells() {
        let mut writer = TsvWriter::new(Vec::new(), &["number", "note"]).unwrap();
        writer.row(&["1".to_string(), "a\tb\nc\u{1b}[31m".to_string()]).unwrap();
        let written = String::from_utf8(writer.finish().unwrap()).unwrap();
        assert_eq!(written, "number\tnote\n1\ta b c[31m\n");
    }
}
