//! Running git for task files: the three versions of a file in an unfinished merge, and setting a
//! repository up to merge task files with tally's driver.

mod setup;
mod stages;

pub use setup::{GitSetup, git_setup};
pub use stages::{Stages, add, line_merge, stages};
