package content

import "github.com/policygen/gen/generator/date"

// CurrentFile is where the newest version of policy in lang is kept,
// slash-separated and relative to the site: content/<policy>/<lang>.md.
func CurrentFile(policy, lang string) string {
	return Dir + "/" + policy + "/" + lang + ".md"
}

// ArchiveFile is where the version of day of policy in lang is archived:
// content/<policy>/archive/<YYYY-MM-DD>/<lang>.md.
func ArchiveFile(policy, lang string, day date.Date) string {
	return Dir + "/" + policy + "/archive/" + day.String() + "/" + lang + ".md"
}
