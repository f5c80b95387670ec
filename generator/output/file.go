package output

import (
	"os"
	"path/filepath"
)

// ReplaceFile writes data to the file name whole or not at all, through a
// temporary file beside it and a rename: neither a reader nor an
// interrupted write ever finds half a file, and an earlier file of that
// name stays as it was until the new one is complete. The file is left
// readable by everyone (0644), as the files of a build are.
func ReplaceFile(name string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".*")
	if err != nil {
		return err
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), name)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}
