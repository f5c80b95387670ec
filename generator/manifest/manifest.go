// Package manifest is the proof of what a build published: /manifest.json
// lists every file of the output with its SHA-256 and size, and every
// version with its fingerprints and the days it was in force. It can be
// signed with an SSH key in the format `ssh-keygen -Y sign -n gen-manifest`
// writes, and checked against any copy of the site, a folder or the live
// address, file by file.
//
// The manifest's bytes depend only on what the build wrote and its "today",
// so the same input gives the same manifest, and the same signature checks.
package manifest

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"slices"
	"strings"

	"github.com/policygen/gen/generator/date"
	"github.com/policygen/gen/generator/derive"
	"github.com/policygen/gen/generator/fingerprint"
	"github.com/policygen/gen/generator/record"
	"github.com/policygen/gen/generator/urls"
)

// Format names the manifest's schema; a reader refuses any other.
const Format = "gen-manifest/1"

// Manifest is /manifest.json. The README documents its schema.
type Manifest struct {
	Format  string `json:"format"`
	BaseURL string `json:"base_url"`
	// AsOf is the build's "today", which decided every status and period.
	AsOf string `json:"as_of"`
	// Files are every file of the output but the manifest and its
	// signature, sorted by path.
	Files []File `json:"files"`
	// Versions are in the order of policies.json: policies, then their
	// languages, each language's versions oldest first.
	Versions []Version `json:"versions"`
}

// File is one published file.
type File struct {
	Path   string `json:"path"` // from the site's root, starting with "/"
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// Version is one published version: where it is, what it said, and when it
// was in force.
type Version struct {
	Policy      string `json:"policy"`
	Language    string `json:"language"`
	LastUpdated string `json:"last_updated"`
	Effective   string `json:"effective"`
	Status      string `json:"status"` // on AsOf: "in-force", "upcoming" or "archived"
	// InForceFrom (inclusive) and InForceUntil (exclusive) are as in
	// versions.json.
	InForceFrom  *string `json:"in_force_from"`
	InForceUntil *string `json:"in_force_until"`
	Draft        bool    `json:"draft,omitempty"`
	Page         string  `json:"page"`   // the permalink's path
	Source       string  `json:"source"` // the path of its source.md, listed in Files
	// Fingerprint is as in versions.json.
	Fingerprint record.Fingerprint `json:"fingerprint"`
}

// New describes a build of site whose files are files.
func New(site *derive.Site, files []File) *Manifest {
	m := &Manifest{Format: Format, BaseURL: site.BaseURL, AsOf: site.Now.String(), Files: files, Versions: []Version{}}
	slices.SortFunc(m.Files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	// Pages are named as the files are: by their paths from the site's
	// root, which `gen verify` reads from wherever a copy of the site is.
	root := urls.Scheme{}
	for _, p := range site.Policies {
		for _, ed := range p.Editions {
			for _, version := range ed.Versions {
				v := site.Version(version)
				mv := Version{
					Policy:      p.Slug,
					Language:    ed.Lang,
					LastUpdated: v.Date.String(),
					Effective:   v.Effective.String(),
					Status:      v.Status.String(),
					Draft:       v.Draft,
					Page:        root.Version(ed.Lang, p.Slug, v.Date),
					Source:      root.Source(ed.Lang, p.Slug, v.Date),
					Fingerprint: record.FingerprintOf(v.Version),
				}
				mv.InForceFrom, mv.InForceUntil = record.Period(v.Period)
				m.Versions = append(m.Versions, mv)
			}
		}
	}
	return m
}

// Marshal writes the manifest as JSON with one file or version a line, so
// that two manifests compare well with diff.
func (m *Manifest) Marshal() ([]byte, error) {
	var b bytes.Buffer
	str := func(s string) []byte { j, _ := json.Marshal(s); return j } // a string always marshals
	fmt.Fprintf(&b, "{\n  \"format\": %s,\n  \"base_url\": %s,\n  \"as_of\": %s,\n", str(m.Format), str(m.BaseURL), str(m.AsOf))
	if err := list(&b, "files", m.Files, ","); err != nil {
		return nil, err
	}
	if err := list(&b, "versions", m.Versions, ""); err != nil {
		return nil, err
	}
	b.WriteString("}\n")
	return b.Bytes(), nil
}

// list writes one array of the manifest, an element a line.
func list[T any](b *bytes.Buffer, name string, items []T, after string) error {
	fmt.Fprintf(b, "  %q: [", name)
	for i, it := range items {
		j, err := json.Marshal(it)
		if err != nil {
			return err
		}
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("\n    ")
		b.Write(j)
	}
	if len(items) > 0 {
		b.WriteString("\n  ")
	}
	fmt.Fprintf(b, "]%s\n", after)
	return nil
}

// Parse reads a manifest, as published by a site that may not be what it
// claims: anything outside the schema is an error, so that a verifier never
// checks less than it reports.
func Parse(b []byte) (*Manifest, error) {
	d := json.NewDecoder(bytes.NewReader(b))
	d.DisallowUnknownFields()
	var m Manifest
	if err := d.Decode(&m); err != nil {
		return nil, fmt.Errorf("not a manifest: %v", err)
	}
	if d.More() {
		return nil, fmt.Errorf("not a manifest: more after its end")
	}
	if m.Format != Format {
		return nil, fmt.Errorf("manifest format %q, this gen reads %q; use the gen that built the site", m.Format, Format)
	}
	if _, err := date.Parse(m.AsOf); err != nil {
		return nil, fmt.Errorf("manifest as_of: %v", err)
	}
	for i, f := range m.Files {
		if err := checkPath(f.Path); err != nil {
			return nil, fmt.Errorf("manifest file %d: %v", i+1, err)
		}
		if i > 0 && m.Files[i-1].Path >= f.Path {
			return nil, fmt.Errorf("manifest file %s: listed out of order or twice", f.Path)
		}
		if f.Size < 0 || !isSum(f.SHA256) {
			return nil, fmt.Errorf("manifest file %s: size %d and sha256 %q are not a size and a SHA-256", f.Path, f.Size, f.SHA256)
		}
	}
	for _, v := range m.Versions {
		name := v.Policy + "/" + v.Language + " " + v.LastUpdated
		for _, d := range []*string{&v.LastUpdated, &v.Effective, v.InForceFrom, v.InForceUntil} {
			if d == nil {
				continue
			}
			if _, err := date.Parse(*d); err != nil {
				return nil, fmt.Errorf("manifest version %s: %v", name, err)
			}
		}
		if err := checkPath(v.Source); err != nil {
			return nil, fmt.Errorf("manifest version %s: %v", name, err)
		}
		if err := checkPath(urls.File(v.Page)); err != nil {
			return nil, fmt.Errorf("manifest version %s: %v", name, err)
		}
		if f := v.Fingerprint; !isSum(f.Source) || !isSum(f.Text) || len(f.ID) != fingerprint.IDLength || f.ID != f.Source[:len(f.ID)] {
			return nil, fmt.Errorf("manifest version %s: fingerprint %+v is not a SHA-256 pair with its short id", name, v.Fingerprint)
		}
	}
	return &m, nil
}

// checkPath accepts a path inside the site, spelled as the build writes it.
func checkPath(p string) error {
	if !strings.HasPrefix(p, "/") || !fs.ValidPath(p[1:]) || strings.ContainsAny(p, `\`) {
		return fmt.Errorf("path %q is not a file of the site", p)
	}
	return nil
}

func isSum(s string) bool {
	if len(s) != 64 || strings.ToLower(s) != s {
		return false
	}
	_, err := hex.DecodeString(s)
	return err == nil
}
