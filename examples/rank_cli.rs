//! What `tally list PATH --query Q` does, as a stand-alone program: load a file, index it, rank
//! it, print `ID<TAB>STATUS<TAB>TITLE` best first. Used to measure the whole-process time
//! (scripts/bench-list-vs-fzf.sh) and to check rankings by hand:
//!
//! ```text
//! cargo run --release --example rank_cli -- data/beijing-fao-2023-q3.json 外语
//! TALLY_TIMES=1 cargo run --release --example rank_cli -- big.json 外语 > /dev/null
//! ```

use std::io::Write;
use std::path::Path;
use std::time::Instant;

use tally::search::{SearchIndex, rank};
use tally::text::clean_line;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [path, query] = args.as_slice() else {
        eprintln!("usage: rank_cli FILE QUERY");
        std::process::exit(2);
    };
    let times = std::env::var_os("TALLY_TIMES").is_some();
    let start = Instant::now();
    let loaded = match tally::store::load(Path::new(path)) {
        Ok(loaded) => loaded,
        Err(err) => {
            eprintln!("{err}");
            std::process::exit(1);
        }
    };
    let loaded_at = start.elapsed();
    let items = loaded.doc.items();
    let index = SearchIndex::build(items);
    let built_at = start.elapsed();
    let hits = match rank(&index, query) {
        Ok(hits) => hits,
        Err(err) => {
            eprintln!("{err}");
            std::process::exit(2);
        }
    };
    let ranked_at = start.elapsed();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    for hit in &hits {
        let item = &items[hit.index];
        let (id, title) = (clean_line(&item.id), clean_line(&item.title));
        if writeln!(out, "{id}\t{}\t{title}", item.status).is_err() {
            break;
        }
    }
    let _ = out.flush();
    if times {
        eprintln!(
            "load {:?}  index {:?}  rank {:?}  print {:?}  ({} hits of {})",
            loaded_at,
            built_at - loaded_at,
            ranked_at - built_at,
            start.elapsed() - ranked_at,
            hits.len(),
            items.len()
        );
    }
    // the operating system frees everything at exit faster than dropping it piece by piece
    std::process::exit(0);
}
