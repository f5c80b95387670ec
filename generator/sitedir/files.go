package sitedir

import (
	"errors"
	"io/fs"
	"strings"
)

// What a site's own folders — content/, layouts/ and static/ — may hold:
// folders and regular files, nothing else. A symbolic link is refused
// wherever it is, whether it points inside the site or out of it: what gen
// publishes must be the bytes git stores, and git stores a link as the
// name of its target (mode 120000), not as what the target held on the
// machine that built. So `gen build` and `gen check --base` can never
// disagree about which versions exist. A named pipe or a device would
// block a read or never end it, so it is refused too.

// Refused says why gen does not read the entry p (a slash path in the site)
// of type mode, or returns "" for a folder or a regular file.
func Refused(p string, mode fs.FileMode) string {
	switch {
	case mode&fs.ModeSymlink != 0:
		return "is a symbolic link; gen reads no links in " + Content + "/, " + Layouts + "/ or " + Static + "/, since what it publishes must be the bytes git stores: replace the link with a copy of the file or folder it points to"
	case mode.IsDir() || mode.IsRegular():
		return ""
	}
	return "is not a regular file but a named pipe, socket or device, which gen does not read; remove it"
}

// RefusedPath checks every part of the slash path p in the site — for p =
// content/privacy/en.md the folders content and content/privacy, then the
// file — without following links, and says which part gen refuses to read
// and why (see Refused). A part that does not exist ends the check: it is
// not refused. fs.WalkDir and fs.ReadDir follow a link they are given, so
// a walk checks its starting folder here.
func RefusedPath(fsys fs.FS, p string) (part, problem string) {
	if !fs.ValidPath(p) {
		return "", "" // names nothing in the site; reading it fails as it should
	}
	parts := strings.Split(p, "/")
	for i := range parts {
		part = strings.Join(parts[:i+1], "/")
		info, err := fs.Lstat(fsys, part)
		if errors.Is(err, fs.ErrNotExist) {
			return "", ""
		}
		if err != nil {
			return part, "cannot be read: " + unwrap(err).Error()
		}
		if problem := Refused(part, info.Mode()); problem != "" {
			return part, problem
		}
	}
	return "", ""
}

func unwrap(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Walk walks the folder dir of the site and everything below it like
// fs.WalkDir, with the rule above applied: an entry skip names (by its
// name; nil skips nothing) is passed over, folder and all; an entry gen
// refuses to read is reported to refuse and passed over, and so is dir
// itself when it or a folder above it is refused. fn sees the rest:
// folders and regular files, and errors as fs.WalkDir gives them.
func Walk(fsys fs.FS, dir string, skip func(name string) bool, fn fs.WalkDirFunc, refuse func(p, problem string)) error {
	if part, problem := RefusedPath(fsys, dir); problem != "" {
		refuse(part, problem)
		return nil
	}
	return fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == dir {
			return fn(p, d, err)
		}
		if skip != nil && skip(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if problem := Refused(p, d.Type()); problem != "" {
			refuse(p, problem)
			return nil // a link to a folder is no folder: not entered
		}
		return fn(p, d, nil)
	})
}
