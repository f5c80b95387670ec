# Opens a Word document in LibreOffice, accepts or rejects every tracked
# change as a reviewer would (Edit > Track Changes > Accept All / Reject
# All), and saves the text that is left, for TestLibreOffice.
#
# usage: python3 changes.py IN.docx Accept|Reject OUT.txt PROFILE-DIR
import os
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


src, mode, out, profile = sys.argv[1:5]
pipe = "gen-test-%d" % os.getpid()
office = subprocess.Popen([
    "soffice", "--headless", "--invisible", "--norestore",
    "-env:UserInstallation=" + uno.systemPathToFileUrl(os.path.abspath(profile)),
    "--accept=pipe,name=%s;urp;" % pipe,
])
try:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(600):
        try:
            remote = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
            break
        except Exception:
            time.sleep(0.1)
    else:
        sys.exit("LibreOffice did not start")
    smgr = remote.ServiceManager
    desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", remote)
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(src)), "_blank", 0, (prop("Hidden", True),))
    if doc is None:
        sys.exit("LibreOffice could not open " + src)
    dispatcher = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", remote)
    dispatcher.executeDispatch(doc.getCurrentController().getFrame(), ".uno:%sAllTrackedChanges" % mode, "", 0, ())
    doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(out)),
                   (prop("FilterName", "Text (encoded)"), prop("FilterOptions", "UTF8,LF")))
    doc.close(True)
    try:
        desktop.terminate()
    except Exception:
        pass  # the bridge closes as LibreOffice quits
    office.wait(60)
finally:
    if office.poll() is None:
        office.kill()
