import ArgumentParser

/// `chutetop completions bash|zsh|fish`: ArgumentParser's completion script for the shell.
/// Context, theme and action names are completed when TAB is pressed, from the configuration
/// and theme directory of that moment (`CompletionCandidates`).
struct CompletionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "completions",
        abstract: "Print the shell completion script for bash, zsh or fish.",
        discussion: """
            Install: bash: chutetop completions bash > ~/.local/share/bash-completion/completions/chutetop; \
            zsh: chutetop completions zsh > ~/.zfunc/_chutetop (with fpath+=~/.zfunc before compinit in ~/.zshrc); \
            fish: chutetop completions fish > ~/.config/fish/completions/chutetop.fish. \
            Context names (--context), scenario names (--scenario), theme names (--theme) and action names \
            (chutetop run) are completed from the configuration found then (--config on the line, else the usual place).
            """
    )

    @Argument(help: "bash, zsh or fish.", completion: .list(CompletionShell.allCases.map(\.rawValue)))
    var shell: String

    func validate() throws {
        guard CompletionShell(rawValue: shell) != nil else { throw ValidationError("'\(shell)' is not bash, zsh or fish") }
    }

    func run() throws {
        let kind = CompletionShell(rawValue: shell)!
        print(Chutetop.completionScript(for: kind))
        if kind == .bash { print(Self.bashDefaultCommand) }
    }

    /// ArgumentParser's bash script offers only subcommands right after `chutetop`, but the
    /// dashboard is the default command: `chutetop --context <TAB>` is completed as
    /// `chutetop dashboard --context <TAB>` (the words are handed on with `dashboard` put in).
    static let bashDefaultCommand = """
        # chutetop runs the dashboard when the first word is an option: complete it as such.
        _chutetop_default_command() {
            if [[ ${COMP_CWORD} -ge 1 && "${COMP_WORDS[1]}" == -* ]]; then
                local first="${COMP_LINE%%[[:space:]]*}"
                COMP_LINE="${first} \(DashboardCommand.configuration.commandName!)${COMP_LINE#"${first}"}"
                COMP_POINT=$((COMP_POINT + \(1 + DashboardCommand.configuration.commandName!.count)))
                COMP_WORDS=("${COMP_WORDS[0]}" \(DashboardCommand.configuration.commandName!) "${COMP_WORDS[@]:1}")
                COMP_CWORD=$((COMP_CWORD + 1))
            fi
            _chutetop "$@"
        }
        complete -o filenames -F _chutetop_default_command chutetop
        """
}
