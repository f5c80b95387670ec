package serve

import (
	"errors"

	"golang.org/x/sys/windows"
)

// addrInUse reports whether listening failed because the port is taken:
// Winsock's own code, which syscall.EADDRINUSE is not on Windows.
func addrInUse(err error) bool { return errors.Is(err, windows.WSAEADDRINUSE) }
