//! `shipdeck completions SHELL` and `shipdeck man`: generated from the clap definitions, so
//! they always name every verb and flag the binary has.

use super::Cli;
use clap::CommandFactory;
use clap_complete::Shell;
use std::io::Write;
use std::process::ExitCode;

pub fn completions(shell: Shell, out: &mut impl Write) -> ExitCode {
    let mut command = Cli::command();
    clap_complete::generate(shell, &mut command, "shipdeck", out);
    ExitCode::SUCCESS
}

/// The man page of the whole program, with a section per verb.
pub fn man(out: &mut impl Write) -> ExitCode {
    let command = Cli::command();
    match render_man(&command, out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("shipdeck: cannot write the man page: {e}");
            ExitCode::from(1)
        }
    }
}

fn render_man(command: &clap::Command, out: &mut impl Write) -> std::io::Result<()> {
    clap_mangen::Man::new(command.clone()).render(out)?;
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        writeln!(out, ".SH \"SHIPDECK {}\"", sub.get_name().to_uppercase())?;
        let page =
            clap_mangen::Man::new(sub.clone().bin_name(format!("shipdeck {}", sub.get_name())));
        page.render_synopsis_section(out)?;
        page.render_description_section(out)?;
        page.render_options_section(out)?;
        page.render_subcommands_section(out)?;
    }
    Ok(())
}
