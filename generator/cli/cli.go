// Package cli maps gen's command line onto the build package: it parses
// flags, calls in, prints diagnostics and picks the exit status. It holds no
// rules of its own.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	iofs "io/fs"
	"math"
	"os"
	"os/signal"
	"path"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/policygen/gen/generator/build"
	"github.com/policygen/gen/generator/date"
	"github.com/policygen/gen/generator/diag"
	"github.com/policygen/gen/generator/printable"
	"github.com/policygen/gen/generator/serve"
	"github.com/policygen/gen/generator/sitedir"
	"github.com/policygen/gen/generator/starter"
	"github.com/policygen/gen/generator/version"
)

// Exit statuses.
const (
	OK      = 0
	Content = 1 // the content has errors
	Usage   = 2 // the command line is wrong
	// Interrupted is 128 + SIGINT, as a shell reports a command that
	// Ctrl-C stopped: gen build stopped by SIGINT or SIGTERM, writing nothing.
	Interrupted = 130
)

// Env is what a command may use of the world: its streams, environment and
// clock. Tests pass their own.
type Env struct {
	Stdout, Stderr io.Writer
	Getenv         func(string) string
	Clock          func() time.Time
	// Terminal reports whether Stdout is a terminal, for colour.
	Terminal bool
	// Version identifies this gen, as the release build stamped it.
	Version version.Info
}

type command struct {
	name, args, summary string
	run                 func(env Env, args []string) int
}

func commands() []command {
	return []command{
		{"build", "[-s SITE] [-o OUT] [--now DATE] [--drafts] [--pdf [--browser PATH]] [--sign KEY]", "build the site into OUT (default SITE/public), replacing it only if the build succeeds; with --pdf, a PDF of every version too; with --sign, the manifest signed with an SSH key", runBuild},
		{"serve", "[-s SITE] [--addr 127.0.0.1:1313] [--now DATE]", "preview the site with drafts, rebuilding and reloading the browser on every save", runServe},
		{"check", "[-s SITE] [--base GIT-REF [--allow-backfill]] [--now DATE]", "validate everything build would, writing nothing; with --base, also refuse changes that lose or rewrite a published version", runCheck},
		{"new-version", "[-s SITE] [--date DATE] [--effective DATE] [--withdraw] POLICY [LANG...]", "archive the current text of a policy and start a new version dated DATE (default today), taking effect no earlier than an announced one", runNewVersion},
		{"diff", "[-s SITE] [--format text|markdown|docx] [-o FILE] [--author NAME] [--max-chars N] POLICY LANG [FROM [TO]]", "print the redline between two versions (default: the one before the newest, and the newest), for a terminal, a pull request comment (markdown) or Word with tracked changes (docx)", runDiff},
		{"import", "[-s SITE] POLICY LANG SOURCE... [--date D] [--effective D] [--link-base URL] [--dry-run]\n  gen import [-s SITE] POLICY LANG --git REPO FILE [--link-base URL] [--dry-run]",
			"bring in policies written elsewhere as versions: Word (.docx), web pages (.html), Markdown or text (.md, .txt), or every committed revision of a file in git; never overwrites a file", runImport},
		{"notice", "[-s SITE] [--format text|html] [--now DATE] POLICY LANG [VERSION]", "print an email-ready notice of a version (default: the newest) in its language: subject, summary, effective date, processor changes, how to object, links", runNotice},
		{"show", "[-s SITE] --on DATE [--text] POLICY LANG", "print the version of a policy in force on DATE: its permanent address, fingerprints and the days it was in force", runShow},
		{"verify", "TARGET [--key PUBKEY] [--on DATE] [-s SITE]", "check a published copy of the site, a folder or its address, file by file against its manifest and signature", runVerify},
		{"init", "[DIR] [--title T] [--languages en,sv] [--base-url URL]", "make a new site in DIR (default .): site.toml, a draft privacy policy per language, .gitignore, .gitattributes and a CI workflow; never overwrites a file", runInit},
		{"version", "", "print gen's version, commit and date (also: gen --version)", runVersion},
	}
}

func commandNamed(name string) command {
	for _, c := range commands() {
		if c.name == name {
			return c
		}
	}
	panic("gen: no command " + name) // a programming error, caught by every test
}

const intro = `gen publishes legal policies — privacy policy, cookies, terms — as a static
site: every language, every version at a permanent address, change notices.`

// Main runs gen with args (without the program name) and returns the exit status.
func Main(env Env, args []string) int {
	// Whatever a command prints, a file's text cannot steer the terminal
	// or the CI log it goes to (see printable.Writer).
	env.Stdout = printable.NewWriter(env.Stdout, env.Terminal)
	env.Stderr = printable.NewWriter(env.Stderr, false)
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(env.Stdout)
		if len(args) == 0 {
			return Usage
		}
		return OK
	}
	if args[0] == "--version" {
		args[0] = "version"
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(env, args[1:])
		}
	}
	fmt.Fprintf(env.Stderr, "gen: unknown command %q\n", args[0])
	usage(env.Stderr)
	return Usage
}

func usage(w io.Writer) {
	fmt.Fprintf(w, "%s\n\nUsage:\n", intro)
	for _, c := range commands() {
		fmt.Fprintf(w, "  gen %-6s %s\n        %s\n", c.name, c.args, c.summary)
	}
	fmt.Fprintf(w, "\nRun 'gen COMMAND --help' for a command's flags.\n")
}

// flags returns a flag set that prints to stderr and reports bad usage
// instead of exiting, so tests can run commands in-process.
func flags(env Env, name, args, summary string) *flag.FlagSet {
	fs := flag.NewFlagSet("gen "+name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: gen %s %s\n\n%s.\n\nFlags:\n", name, args, summary)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses flags, which may come before, between or after the
// arguments (gen new-version privacy en --date 2026-12-01), and expects
// between min and max arguments, returning the exit status to stop with,
// if any. A "--" ends the flags.
func parse(fs *flag.FlagSet, args []string, min, max int) (int, bool) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return OK, true
			}
			return Usage, true
		}
		rest := fs.Args()
		if len(rest) == 0 {
			break
		}
		if len(rest) < len(args) && args[len(args)-len(rest)-1] == "--" { // fs.Parse stopped at "--"
			positional = append(positional, rest...)
			break
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
	// Parse again with only the arguments, so fs.Args returns them all;
	// the flags keep the values just set. After "--" it cannot fail.
	fs.Parse(append([]string{"--"}, positional...))
	if code, stop := noEmptyFlags(fs); stop {
		return code, stop
	}
	if n := fs.NArg(); n < min || n > max {
		if n > max {
			fmt.Fprintf(fs.Output(), "%s: unexpected argument %q\n", fs.Name(), fs.Arg(max))
		} else {
			fmt.Fprintf(fs.Output(), "%s: missing arguments\n", fs.Name())
		}
		fs.Usage()
		return Usage, true
	}
	return 0, false
}

// noEmptyFlags refuses a flag given an empty value. None of gen's flags
// means anything empty, and a script passing an unset variable
// (--base "$BASE") must not silently get the default: for --base that
// would be no comparison at all.
func noEmptyFlags(fs *flag.FlagSet) (int, bool) {
	code, stop := 0, false
	fs.Visit(func(f *flag.Flag) {
		if f.Value.String() == "" {
			fmt.Fprintf(fs.Output(), "%s: %s is empty; give it a value or leave it out (in a script or CI job, the variable meant to fill it is probably unset)\n", fs.Name(), flagName(f.Name))
			code, stop = Usage, true
		}
	})
	return code, stop
}

// flagName spells a flag as the usage lines do: -s, --base.
func flagName(name string) string {
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

// checkSite makes sure the -s folder is a site (holds site.toml) before
// anything is read: naming a folder that is not there is a mistake on the
// command line, not in the content.
func checkSite(fs *flag.FlagSet, site string) (int, bool) {
	var problem string
	if info, err := os.Stat(site); err != nil || !info.IsDir() {
		problem = "is not a folder"
	} else if _, err := os.Stat(filepath.Join(site, sitedir.Config)); errors.Is(err, iofs.ErrNotExist) {
		problem = "is not a site folder (it holds no " + sitedir.Config + ")"
	} else {
		return 0, false // other read errors are reported with the configuration
	}
	fmt.Fprintf(fs.Output(), "%s: -s %s %s; run gen in the site's folder or name it with -s SITE\n", fs.Name(), site, problem)
	return Usage, true
}

// checkDates makes sure each non-empty value, named by what gave it, is a
// date, before anything is read.
func checkDates(fs *flag.FlagSet, values ...[2]string) (int, bool) {
	for _, v := range values {
		if v[1] == "" {
			continue
		}
		if _, err := date.Parse(v[1]); err != nil {
			fmt.Fprintf(fs.Output(), "%s: %s: %v\n", fs.Name(), v[0], err)
			return Usage, true
		}
	}
	return 0, false
}

// setNow checks the --now flag's value and puts it in opts.
func setNow(fs *flag.FlagSet, opts *build.Options, now string) (int, bool) {
	if code, stop := checkDates(fs, [2]string{"--now", now}); stop {
		return code, stop
	}
	opts.Now = now
	return 0, false
}

func siteOptions(env Env, fs *flag.FlagSet) (*build.Options, *string) {
	opts := &build.Options{SourceDateEpoch: env.Getenv("SOURCE_DATE_EPOCH"), Clock: env.Clock()}
	fs.StringVar(&opts.Site, "s", ".", "the site `folder` (holding site.toml and content/)")
	now := fs.String("now", "", "build as if today were `DATE` (YYYY-MM-DD); default: SOURCE_DATE_EPOCH, else today in site.toml's timezone")
	return opts, now
}

func runBuild(env Env, args []string) int {
	c := commandNamed("build")
	fs := flags(env, c.name, c.args, c.summary)
	opts, now := siteOptions(env, fs)
	out := fs.String("o", "", "the output `folder` (default SITE/public)")
	fs.BoolVar(&opts.Drafts, "drafts", false, "include versions marked draft = true")
	fs.BoolVar(&opts.PDF, "pdf", false, "also print every version's page to PDF with Chromium or Chrome (only pages changed since the last build are printed again)")
	fs.StringVar(&opts.Browser, "browser", "", "with --pdf, the Chromium or Chrome program to print with, at `PATH` (default: the one installed)")
	fs.StringVar(&opts.Sign, "sign", "", "sign manifest.json with the SSH private `KEY` file (OpenSSH format, no passphrase), writing manifest.json.sig")
	if code, stop := parse(fs, args, 0, 0); stop {
		return code
	}
	if opts.Browser != "" {
		if !opts.PDF {
			fmt.Fprintf(fs.Output(), "%s: --browser names the browser that prints PDFs: it goes with --pdf\n", fs.Name())
			return Usage
		}
		if info, err := os.Stat(opts.Browser); err != nil || info.IsDir() {
			fmt.Fprintf(fs.Output(), "%s: --browser %s: no such program\n", fs.Name(), opts.Browser)
			return Usage
		}
	}
	if code, stop := setNow(fs, opts, *now); stop {
		return code
	}
	if code, stop := checkSite(fs, opts.Site); stop {
		return code
	}
	if *out == "" {
		*out = sitedir.DefaultOutput(opts.Site)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	res, diags, err := build.BuildContext(ctx, *opts, *out)
	if errors.Is(err, context.Canceled) {
		fmt.Fprintf(env.Stderr, "gen build: interrupted; %s was left as it was\n", *out)
		return Interrupted
	}
	code := reportWriting(env, opts.Site, diags, err)
	if code == OK {
		fmt.Fprintln(env.Stdout, res.Summary(*out))
	}
	return code
}

func runCheck(env Env, args []string) int {
	c := commandNamed("check")
	fs := flags(env, c.name, c.args, c.summary)
	opts, now := siteOptions(env, fs)
	base := fs.String("base", "", "also compare the content with git revision `REF` and refuse lost or rewritten versions")
	backfill := fs.Bool("allow-backfill", false, "with --base, let in an archived version older than the newest one published at REF (one published and left out by mistake)")
	if code, stop := parse(fs, args, 0, 0); stop {
		return code
	}
	if code, stop := setNow(fs, opts, *now); stop {
		return code
	}
	if code, stop := checkSite(fs, opts.Site); stop {
		return code
	}
	if *backfill && *base == "" {
		fmt.Fprintf(fs.Output(), "%s: --allow-backfill needs --base: it lets in a version older than the newest one published at that revision\n", fs.Name())
		return Usage
	}
	if *base != "" {
		if err := build.CheckBase(opts.Site, *base); err != nil {
			fmt.Fprintf(fs.Output(), "%s: %v\n", fs.Name(), err)
			return Usage
		}
	}
	diags := build.Check(*opts, *base, *backfill)
	code := report(env, opts.Site, diags, nil)
	if code == OK {
		fmt.Fprintln(env.Stdout, "check: no errors")
	}
	return code
}

func runNewVersion(env Env, args []string) int {
	c := commandNamed("new-version")
	fs := flags(env, c.name, c.args, c.summary)
	opts, now := siteOptions(env, fs)
	var req build.NewVersionRequest
	fs.StringVar(&req.Date, "date", "", "the new version's `DATE` (YYYY-MM-DD); default today in site.toml's timezone")
	fs.StringVar(&req.Effective, "effective", "", "the `DATE` the new version takes effect; default: the announced effective date of a version not yet in force when later than --date, else --date")
	fs.BoolVar(&req.Withdraw, "withdraw", false, "the current version, announced but not yet in force, is withdrawn: it never takes effect")
	if code, stop := parse(fs, args, 1, math.MaxInt); stop {
		return code
	}
	if code, stop := checkDates(fs, [2]string{"--date", req.Date}, [2]string{"--effective", req.Effective}); stop {
		return code
	}
	if code, stop := setNow(fs, opts, *now); stop {
		return code
	}
	req.Policy, req.Langs = fs.Arg(0), fs.Args()[1:]
	if err := build.NamedOnce(req.Langs); err != nil {
		fmt.Fprintf(fs.Output(), "%s: %v\n", fs.Name(), err)
		return Usage
	}
	if code, stop := checkSite(fs, opts.Site); stop {
		return code
	}
	cuts, diags := build.NewVersion(*opts, req)
	if code := reportWriting(env, opts.Site, diags, nil); code != OK {
		return code
	}
	carried := false
	for _, cut := range cuts {
		fmt.Fprintf(env.Stdout, "archived %s (version of %s)\nstarted %s as the version of %s, taking effect on %s\n", cut.Archived, cut.From, cut.Current, cut.To, cut.Effective)
		switch {
		case cut.Withdrawn:
			fmt.Fprintf(env.Stdout, "  it withdraws the version of %s, which will never take effect\n", cut.From)
		case cut.Replaced:
			fmt.Fprintf(env.Stdout, "  it replaces the announced version of %s on its day; that version's [change] is carried over\n", cut.From)
			carried = true
		}
		if !cut.Translates.IsZero() {
			fmt.Fprintf(env.Stdout, "  translates = %s, the new version of the authoritative language\n", cut.Translates)
		}
	}
	if carried {
		fmt.Fprintln(env.Stdout, "\nNext: edit the text, add to the [change] summary what else changed (kind = \"material\" if readers must be told site-wide),")
	} else {
		fmt.Fprintln(env.Stdout, "\nNext: edit the text, fill in the [change] summary and its kind (\"material\" if readers must be told site-wide),")
	}
	fmt.Fprintln(env.Stdout, "then run gen diff and gen check to review.")
	return OK
}

func runServe(env Env, args []string) int {
	c := commandNamed("serve")
	fs := flags(env, c.name, c.args, c.summary)
	opts, now := siteOptions(env, fs)
	addr := fs.String("addr", serve.DefaultAddr, "listen on `HOST:PORT` (the default is reachable only from this computer)")
	if code, stop := parse(fs, args, 0, 0); stop {
		return code
	}
	if code, stop := setNow(fs, opts, *now); stop {
		return code
	}
	if code, stop := checkSite(fs, opts.Site); stop {
		return code
	}
	// A preview runs for hours: read the clock at each build, not once.
	opts.Clock = time.Time{}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := serve.New(*opts, *addr, env.Stderr).Run(ctx); err != nil {
		fmt.Fprintf(env.Stderr, "gen serve: %v\n", err)
		return Content
	}
	return OK
}

func runDiff(env Env, args []string) int {
	c := commandNamed("diff")
	fs := flags(env, c.name, c.args, c.summary)
	opts, _ := siteOptions(env, fs)
	var req build.DiffRequest
	fs.StringVar(&req.Format, "format", build.FormatText, "`FORMAT` of the redline: text (a terminal), markdown (a pull request comment) or docx (Word, with tracked changes; needs -o)")
	fs.StringVar(&req.Out, "o", "", "write the redline to `FILE` instead of the standard output")
	fs.StringVar(&req.Author, "author", "", "docx: the `NAME` the tracked changes are by (default: site.toml's title)")
	fs.IntVar(&req.MaxChars, "max-chars", 0, "markdown: at most `N` characters, shortened as the redline itself says (default 65536, GitHub's limit for a comment)")
	if code, stop := parse(fs, args, 2, 4); stop {
		return code
	}
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	switch {
	case req.Format != build.FormatText && req.Format != build.FormatMarkdown && req.Format != build.FormatDocx:
		fmt.Fprintf(fs.Output(), "%s: --format %q: give text, markdown or docx\n", fs.Name(), req.Format)
		return Usage
	case req.Format == build.FormatDocx && req.Out == "":
		fmt.Fprintf(fs.Output(), "%s: --format docx writes a Word document: name it with -o FILE (e.g. -o privacy-en.docx)\n", fs.Name())
		return Usage
	case given["author"] && req.Format != build.FormatDocx:
		fmt.Fprintf(fs.Output(), "%s: --author names who a Word redline's changes are by: it goes with --format docx\n", fs.Name())
		return Usage
	case given["max-chars"] && (req.Format != build.FormatMarkdown || req.MaxChars < 1000):
		fmt.Fprintf(fs.Output(), "%s: --max-chars bounds a Markdown redline: it goes with --format markdown, and at least 1000\n", fs.Name())
		return Usage
	}
	if code, stop := checkSite(fs, opts.Site); stop {
		return code
	}
	req.Policy, req.Lang, req.From, req.To = fs.Arg(0), fs.Arg(1), fs.Arg(2), fs.Arg(3)
	// Colours only for a terminal: never in a file or a comment.
	req.Color = env.Terminal && req.Out == "" && req.Format == build.FormatText
	if code, stop := checkDates(fs, [2]string{"FROM", req.From}, [2]string{"TO", req.To}); stop {
		return code
	}
	diags := build.Diff(*opts, req, env.Stdout)
	code := report(env, opts.Site, diags, nil)
	if code == OK && req.Out != "" {
		fmt.Fprintf(env.Stderr, "wrote %s\n", req.Out)
	}
	return code
}

func runImport(env Env, args []string) int {
	c := commandNamed("import")
	fs := flags(env, c.name, c.args, c.summary)
	opts, now := siteOptions(env, fs)
	var req build.ImportRequest
	fs.StringVar(&req.Date, "date", "", "the version's `DATE` (YYYY-MM-DD), with one SOURCE; default: the date the text states, else one in the file name")
	fs.StringVar(&req.Effective, "effective", "", "the `DATE` the version takes effect, with one SOURCE; default: the effective date the text states, else its date")
	fs.StringVar(&req.LinkBase, "link-base", "", "the `URL` the policy was published at, which its relative links are made absolute against")
	fs.StringVar(&req.Select, "select", "", "the `CSS` selector of the element holding the policy in a web page (default: its <main> or <article>)")
	fs.StringVar(&req.Title, "title", "", "the policy's `TITLE`, when the source has none or the wrong one")
	fs.StringVar(&req.Repo, "git", "", "import every committed revision of FILE in the git repository `REPO`")
	fs.BoolVar(&req.DryRun, "dry-run", false, "print the files and front matter it would write, writing nothing")
	if code, stop := parse(fs, args, 3, math.MaxInt); stop {
		return code
	}
	req.Policy, req.Lang = fs.Arg(0), fs.Arg(1)
	if req.Repo != "" {
		if fs.NArg() != 3 {
			fmt.Fprintf(fs.Output(), "%s: --git REPO takes one FILE, the file in the repository whose revisions to import\n", fs.Name())
			return Usage
		}
		if req.Date != "" || req.Effective != "" {
			fmt.Fprintf(fs.Output(), "%s: --date and --effective date one SOURCE; with --git each revision's date comes from its text or its commit\n", fs.Name())
			return Usage
		}
		req.File = fs.Arg(2)
	} else {
		req.Sources = fs.Args()[2:]
		if len(req.Sources) > 1 && (req.Date != "" || req.Effective != "") {
			fmt.Fprintf(fs.Output(), "%s: --date and --effective date one SOURCE; import the others separately, or name each file after its date (privacy-2021-07-15.docx)\n", fs.Name())
			return Usage
		}
	}
	if code, stop := checkDates(fs, [2]string{"--date", req.Date}, [2]string{"--effective", req.Effective}); stop {
		return code
	}
	if code, stop := setNow(fs, opts, *now); stop {
		return code
	}
	if code, stop := checkSite(fs, opts.Site); stop {
		return code
	}
	res, diags, err := build.Import(*opts, req)
	var sources diag.List
	if res != nil {
		sources = res.Sources
	}
	// Sources are named as given on the command line, not from the site.
	for _, d := range sources {
		fmt.Fprintln(env.Stderr, d.String())
	}
	code := reportWriting(env, opts.Site, diags, err)
	if code == OK && sources.HasErrors() {
		n := len(sources.Errors())
		fmt.Fprintf(env.Stderr, "gen: %d %s; nothing was written\n", n, plural(n, "error", "errors"))
		code = Content
	}
	if code != OK {
		return code
	}
	var summaries []string
	for _, f := range res.Files {
		path := f.Path
		if opts.Site != "." {
			path = filepath.ToSlash(filepath.Join(opts.Site, filepath.FromSlash(f.Path)))
		}
		verb := "wrote"
		if req.DryRun {
			verb = "would write"
		}
		fmt.Fprintf(env.Stdout, "%s %s (version of %s, from %s)\n", verb, path, f.Version.LastUpdated, f.Version.Source.Name)
		if req.DryRun {
			front, lines := f.Preview()
			fmt.Fprintf(env.Stdout, "+++\n%s+++\n(%d lines of Markdown)\n\n", front, lines)
		}
		if f.Summary {
			summaries = append(summaries, path)
		}
	}
	if len(summaries) > 0 {
		fmt.Fprintf(env.Stdout, "\nReplace the [change] summary gen import wrote in %s with what changed in each version; readers see it in the change notice.\n", strings.Join(summaries, ", "))
	}
	if req.DryRun {
		fmt.Fprintln(env.Stdout, "Nothing was written (--dry-run); the site with these files passes gen check.")
	} else {
		fmt.Fprintln(env.Stdout, "The site with them passes gen check; review them with gen serve.")
	}
	return OK
}

func runNotice(env Env, args []string) int {
	c := commandNamed("notice")
	fs := flags(env, c.name, c.args, c.summary)
	opts, now := siteOptions(env, fs)
	format := fs.String("format", "text", "`text` (the subject on the first line) or html (self-contained, styled inline for mail clients)")
	if code, stop := parse(fs, args, 2, 3); stop {
		return code
	}
	if *format != "text" && *format != "html" {
		fmt.Fprintf(fs.Output(), "%s: --format %s: give text or html\n", fs.Name(), *format)
		return Usage
	}
	if code, stop := setNow(fs, opts, *now); stop {
		return code
	}
	req := build.NoticeRequest{Policy: fs.Arg(0), Lang: fs.Arg(1), Version: fs.Arg(2), HTML: *format == "html"}
	if code, stop := checkDates(fs, [2]string{"VERSION", req.Version}); stop {
		return code
	}
	if code, stop := checkSite(fs, opts.Site); stop {
		return code
	}
	return report(env, opts.Site, build.Notice(*opts, req, env.Stdout), nil)
}

func runShow(env Env, args []string) int {
	c := commandNamed("show")
	fs := flags(env, c.name, c.args, c.summary)
	opts, now := siteOptions(env, fs)
	on := fs.String("on", "", "the `DATE` (YYYY-MM-DD) to show the version in force on")
	text := fs.Bool("text", false, "print the version's main text instead, the bytes its text fingerprint is the SHA-256 of")
	if code, stop := parse(fs, args, 2, 2); stop {
		return code
	}
	if *on == "" {
		fmt.Fprintf(fs.Output(), "%s: --on DATE is required: the day to show the version in force on\n", fs.Name())
		return Usage
	}
	if code, stop := setNow(fs, opts, *now); stop {
		return code
	}
	if code, stop := checkDates(fs, [2]string{"--on", *on}); stop {
		return code
	}
	if code, stop := checkSite(fs, opts.Site); stop {
		return code
	}
	day, _ := date.Parse(*on)
	return report(env, opts.Site, build.Show(*opts, build.ShowRequest{Policy: fs.Arg(0), Lang: fs.Arg(1), On: day, Text: *text}, env.Stdout), nil)
}

func runVerify(env Env, args []string) int {
	c := commandNamed("verify")
	fs := flags(env, c.name, c.args, c.summary)
	opts, _ := siteOptions(env, fs) // the manifest's day is the one compared
	key := fs.String("key", "", "the publisher's SSH public key `FILE` (key.pub); without it the signature is not checked")
	on := fs.String("on", "", "also name the versions in force on `DATE` (YYYY-MM-DD), from the verified manifest")
	if code, stop := parse(fs, args, 1, 1); stop {
		return code
	}
	if code, stop := checkDates(fs, [2]string{"--on", *on}); stop {
		return code
	}
	req := build.VerifyRequest{Target: fs.Arg(0), Key: *key, Progress: build.Progress(env.Stderr, env.Terminal)}
	req.On, _ = date.Parse(*on)
	// The published versions are compared with the content when there is
	// some: the -s folder, or the current one when it is a site.
	given := false
	fs.Visit(func(f *flag.Flag) { given = given || f.Name == "s" })
	if _, err := os.Stat(filepath.Join(opts.Site, sitedir.Config)); given || err == nil {
		if code, stop := checkSite(fs, opts.Site); stop {
			return code
		}
		req.Content = opts
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	diags, err := build.Verify(ctx, req, env.Stdout)
	return reportAll(env, "", diags, err, "; "+req.Target+" is not what was published")
}

func runInit(env Env, args []string) int {
	c := commandNamed("init")
	fs := flags(env, c.name, c.args, c.summary)
	title := fs.String("title", "", "the company's `NAME`, shown on every page (default: the folder's name)")
	langs := fs.String("languages", "en", "the site's `LANGS`, comma-separated, the first the default; any of "+strings.Join(starter.Languages(), ", "))
	baseURL := fs.String("base-url", "", "the `URL` the policies will be published at (default "+starter.PlaceholderBaseURL+", to change in site.toml)")
	if code, stop := parse(fs, args, 0, 1); stop {
		return code
	}
	dir := "."
	if fs.NArg() == 1 {
		dir = fs.Arg(0)
	}
	var codes []string
	for _, l := range strings.Split(*langs, ",") {
		codes = append(codes, strings.TrimSpace(l))
	}
	now := env.Clock()
	files, err := starter.Files(dir, starter.Options{
		Title: *title, Languages: codes, BaseURL: *baseURL,
		Today: date.Today(now, now.Location()), Gen: version.Resolve(env.Version),
	})
	if err == nil {
		err = starter.Write(dir, files)
	}
	var usageErr *starter.UsageError
	switch {
	case errors.As(err, &usageErr):
		fmt.Fprintf(fs.Output(), "%s: %v\n", fs.Name(), err)
		return Usage
	case err != nil:
		fmt.Fprintf(env.Stderr, "%s: %v; nothing was written\n", fs.Name(), err)
		return Content
	}
	for _, f := range files {
		fmt.Fprintf(env.Stdout, "created %s\n", path.Join(filepath.ToSlash(dir), f.Path))
	}
	fmt.Fprintf(env.Stdout, "\nNext, in %s: gen serve shows the policies as drafts while you fill in every [bracketed] text;\n", dir)
	fmt.Fprintln(env.Stdout, "delete draft = true from a policy when it is ready to publish. The comments in each file explain every key.")
	if *baseURL == "" {
		fmt.Fprintf(env.Stdout, "Set base_url in site.toml: %s is a placeholder.\n", starter.PlaceholderBaseURL)
	}
	fmt.Fprintln(env.Stdout, "Pushed to GitHub, .github/workflows/publish.yml checks pull requests and publishes main on GitHub Pages.")
	return OK
}

func runVersion(env Env, args []string) int {
	c := commandNamed("version")
	fs := flags(env, c.name, c.args, c.summary)
	if code, stop := parse(fs, args, 0, 0); stop {
		return code
	}
	fmt.Fprintln(env.Stdout, version.Resolve(env.Version))
	return OK
}

// report prints every diagnostic and turns the outcome into an exit status.
// Paths are shown from where gen was run, through the -s folder, so an
// editor or a terminal can open them as they are.
func report(env Env, site string, diags diag.List, err error) int {
	return reportAll(env, site, diags, err, "")
}

// reportWriting is report for the commands that write: their errors leave
// every file as it was, which the last line says.
func reportWriting(env Env, site string, diags diag.List, err error) int {
	return reportAll(env, site, diags, err, "; nothing was written")
}

func reportAll(env Env, site string, diags diag.List, err error, after string) int {
	for _, d := range diags {
		if d.Path != "" && site != "." && site != "" && !filepath.IsAbs(d.Path) {
			d.Path = strings.TrimSuffix(filepath.ToSlash(site), "/") + "/" + d.Path
		}
		fmt.Fprintln(env.Stderr, d.String())
	}
	var usageErr *build.UsageError
	switch {
	case errors.As(err, &usageErr):
		fmt.Fprintf(env.Stderr, "gen: %v\n", err)
		return Usage
	case err != nil:
		fmt.Fprintf(env.Stderr, "gen: %v\n", err)
		return Content
	case diags.HasErrors():
		n := len(diags.Errors())
		fmt.Fprintf(env.Stderr, "gen: %d %s%s\n", n, plural(n, "error", "errors"), after)
		return Content
	}
	return OK
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
