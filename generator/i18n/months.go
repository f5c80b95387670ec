package i18n

// MonthNames returns how lang writes each month in a date, January first:
// the full name in the form a date takes ("juli", "heinäkuuta") and the
// abbreviation ("juil.", "heinä"), from CLDR, as Date writes them. A
// language without CLDR data gets its base language's names, else
// English. It is for reading dates that people wrote.
func MonthNames(lang string) [12][]string {
	t := translator(lang)
	var out [12][]string
	wide, short := t.MonthsWide(), t.MonthsAbbreviated()
	for i := range out {
		if i < len(wide) {
			out[i] = append(out[i], wide[i])
		}
		if i < len(short) && (i >= len(wide) || short[i] != wide[i]) {
			out[i] = append(out[i], short[i])
		}
	}
	return out
}
