package suggest

import "testing"

func TestClosest(t *testing.T) {
	known := []string{"title", "last_updated", "effective", "description", "draft", "name", "url"}
	tests := []struct{ word, want string }{
		{"last_update", "last_updated"},
		{"lastupdated", "last_updated"},
		{"Last_Updated", "last_updated"},
		{"titel", "title"}, // a swap is one edit
		{"efective", "effective"},
		{"desc", ""},
		{"colour", ""},
		{"nam", "name"},
		{"uri", "url"},
		{"foo", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Closest(tt.word, known); got != tt.want {
			t.Errorf("Closest(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}
