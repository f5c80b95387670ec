// Package corpus writes synthetic policy sites in the layout of SPEC.md:
// many policies, languages and versions of realistic size, each version a
// small edit of the one before. The benchmarks build them, and a test
// builds the small one to keep the corpus valid as the rules evolve.
//
// A corpus is a pure function of its Spec: the same Spec writes the same
// bytes on every machine, because all randomness comes from PCG generators
// seeded by Spec.Seed and never from the clock.
package corpus

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/policygen/gen/generator/sitedir"
)

// Spec describes a corpus: how many policies, languages and versions it has,
// the seed it is drawn from and the approximate size of one version file.
type Spec struct {
	Policies  int
	Languages int // at most len(Languages())
	Versions  int // per policy and language
	Seed      uint64
	BodyBytes int // approximate size of one version file; 0 means DefaultBodyBytes
}

// DefaultBodyBytes is the size of a version file when Spec.BodyBytes is 0:
// about that of a thorough privacy policy.
const DefaultBodyBytes = 33_000

// Small is a corpus for tests: 2 policies in 3 languages with 3 versions.
func Small() Spec {
	return Spec{Policies: 2, Languages: 3, Versions: 3, Seed: 1, BodyBytes: DefaultBodyBytes}
}

// Medium is a mid-sized company's policies: 10 policies, 5 languages,
// 10 versions each (500 files, about 17 MB).
func Medium() Spec {
	return Spec{Policies: 10, Languages: 5, Versions: 10, Seed: 2, BodyBytes: DefaultBodyBytes}
}

// Large is far beyond any real site: 20 policies, 10 languages, 10 versions
// each (2,000 files, about 67 MB).
func Large() Spec {
	return Spec{Policies: 20, Languages: 10, Versions: 10, Seed: 3, BodyBytes: DefaultBodyBytes}
}

// Sizes returns the named corpora: "small", "medium" and "large".
func Sizes() map[string]Spec {
	return map[string]Spec{"small": Small(), "medium": Medium(), "large": Large()}
}

// Language is a language a corpus can use, with its name in that language.
type Language struct{ Code, Name string }

// Languages returns the languages a corpus draws from, in the order they
// are used: a Spec with Languages = n uses the first n.
func Languages() []Language {
	return []Language{
		{"en", "English"}, {"sv", "Svenska"}, {"nb", "Norsk bokmål"}, {"da", "Dansk"},
		{"de", "Deutsch"}, {"fi", "Suomi"}, {"fr", "Français"}, {"nl", "Nederlands"},
		{"es", "Español"}, {"it", "Italiano"},
	}
}

// Files returns the number of policy files the Spec writes.
func (s Spec) Files() int { return s.Policies * s.Languages * s.Versions }

func (s Spec) validate() error {
	var errs []error
	if s.Policies < 1 {
		errs = append(errs, errors.New("corpus: Policies must be at least 1"))
	}
	if s.Languages < 1 || s.Languages > len(Languages()) {
		errs = append(errs, fmt.Errorf("corpus: Languages must be between 1 and %d", len(Languages())))
	}
	if s.Versions < 1 {
		errs = append(errs, errors.New("corpus: Versions must be at least 1"))
	}
	if s.BodyBytes < 0 {
		errs = append(errs, errors.New("corpus: BodyBytes must not be negative"))
	}
	return errors.Join(errs...)
}

// Write writes the corpus into dir: dir/site.toml and dir/content/…. The
// folder is created if needed; existing files of the same names are
// overwritten, others are left alone.
func Write(dir string, s Spec) error {
	if err := s.validate(); err != nil {
		return err
	}
	if s.BodyBytes == 0 {
		s.BodyBytes = DefaultBodyBytes
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	langs := Languages()[:s.Languages]
	if err := os.WriteFile(filepath.Join(dir, sitedir.Config), siteConfig(langs), 0o644); err != nil {
		return err
	}
	vocab := strings.Fields(vocabulary)
	accents := strings.Fields(accentWords)
	slugs := policySlugs(s.Policies)

	// Every policy and language is an independent document with its own
	// generator, so they can be written in parallel without changing a byte.
	type job struct{ policy, lang int }
	jobs := make(chan job)
	errs := make([]error, s.Policies*s.Languages)
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for j := range jobs {
				w := &writer{
					spec:    s,
					rng:     rand.New(rand.NewPCG(s.Seed, uint64(j.policy)<<8|uint64(j.lang))),
					vocab:   vocab,
					accents: accents,
					slugs:   slugs,
					policy:  j.policy,
					lang:    langs[j.lang].Code,
				}
				errs[j.policy*s.Languages+j.lang] = w.writeVersions(dir, slugs[j.policy], schedule(s, j.policy))
			}
		})
	}
	for p := range s.Policies {
		for l := range s.Languages {
			jobs <- job{p, l}
		}
	}
	close(jobs)
	wg.Wait()
	return errors.Join(errs...)
}

// siteConfig returns site.toml for the languages.
func siteConfig(langs []Language) []byte {
	var b bytes.Buffer
	b.WriteString(`title = "Synthetic Corp"
base_url = "https://policies.synthetic.example/"
default_language = "en"
authoritative_language = "en"
compare = "in-force"
`)
	for _, l := range langs {
		fmt.Fprintf(&b, "\n[languages.%s]\nname = %s\n", l.Code, tomlString(l.Name))
	}
	return b.Bytes()
}

// policyKind is a policy a legal team publishes.
type policyKind struct{ slug, title string }

// policyKinds returns the kinds of policy a corpus cycles through.
func policyKinds() []policyKind {
	return []policyKind{
		{"privacy", "Privacy policy"},
		{"cookies", "Cookie policy"},
		{"terms", "Terms of service"},
		{"dpa", "Data processing agreement"},
		{"acceptable-use", "Acceptable use policy"},
		{"subprocessors", "Subprocessors"},
		{"security", "Security statement"},
		{"retention", "Data retention policy"},
		{"candidates", "Candidate privacy notice"},
		{"whistleblowing", "Whistleblowing policy"},
	}
}

// policySlugs names n policies: realistic names, numbered so any number of
// them stays unique ("privacy-01", "cookies-02", …).
func policySlugs(n int) []string {
	kinds := policyKinds()
	slugs := make([]string, n)
	for i := range slugs {
		slugs[i] = fmt.Sprintf("%s-%02d", kinds[i%len(kinds)].slug, i+1)
	}
	return slugs
}

// version is one version's dates.
type version struct {
	date, effective time.Time
}

// schedule returns a policy's version dates, oldest first. They are the
// same in every language, so translations keep up with the authoritative
// text. The newest is from the autumn of 2026 and sometimes takes effect
// after 2026-11-23, the day the tests and benchmarks build for, so some
// policies have an upcoming version; earlier ones are 60–120 days apart.
func schedule(s Spec, policy int) []version {
	rng := rand.New(rand.NewPCG(s.Seed^0x5ced_a7e5, uint64(policy)))
	vs := make([]version, s.Versions)
	d := time.Date(2026, 8, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, rng.IntN(110))
	for i := len(vs) - 1; i >= 0; i-- {
		vs[i].date = d
		d = d.AddDate(0, 0, -60-rng.IntN(61))
	}
	for i := range vs {
		// Offsets stay below the 60-day gap, so effective dates keep the
		// order of the versions.
		offsets := []int{0, 0, 14, 30}
		if i == len(vs)-1 && rng.IntN(3) == 0 {
			offsets = []int{45, 59}
		}
		vs[i].effective = vs[i].date.AddDate(0, 0, offsets[rng.IntN(len(offsets))])
	}
	return vs
}

// tomlString quotes s as a TOML basic string. The corpus has no control
// characters, so only quotes and backslashes need escaping.
func tomlString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}
