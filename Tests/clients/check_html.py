#!/usr/bin/env python3
"""Checks annotate's HTML export as headless Chromium renders it.

usage: check_html.py EXPECTED.json

EXPECTED.json: {"pages": [{"html": PAGE, "text": DOCUMENT.txt,
  "spans": [{"key": "alice/3", "start": S, "end": E, "tags": [...],
             "note": TEXT or null}, ...], "screenshot": OUT.png (optional)}]}

Each page is loaded by `chromium --headless --dump-dom` (a fresh
--user-data-dir per run, 60 s at most) and the DOM it dumps is read with
html.parser. The document's text is the .txt read as UTF-8, a leading BOM
dropped, sliced in code points at [start:end], then with CRLF and CR turned
into LF as the HTML parser turns them (the DOM's own text is not
normalised: a `&#13;` that puts a CR back is a mismatch). Rules:
a. highlighted text is in leaf elements of class `seg` (text only, no child
   element) carrying `data-spans`, the space-separated keys of the spans that
   cover it; for each span, the text of the .seg elements naming its key,
   joined in document order, is the span's text; a key no span has is an
   "unexpected span";
b. each span has a `.lbl[data-for=KEY]`, and every one of its tags is in the
   text of such a label (the tag is written, not only coloured);
c. each span with a note has a `.note[data-for=KEY]` whose text is the note;
d. no <script> runs: every script element has type="application/json" and
   no element has an on* event-handler attribute; a document containing
   "<script>" shows it as text (the body's text outside script and style
   elements contains it);
e. with "screenshot", Chromium draws the page at 1200x1600 into that file,
   which must be a PNG that decodes (chunk CRCs, IHDR, zlib IDAT, filters
   0-4) with at least 1% of its pixels not of the most common colour.
Prints "ok N pages, M spans checked" (and each screenshot's size), or one
line per problem on stderr and exits 1.
"""
import collections
import html.parser
import json
import os
import re
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import zlib

TIMEOUT = 60
WINDOW = (1200, 1600)
# --disable-dev-shm-usage: a container's /dev/shm is often 64 MiB, and
# Debian's wrapper adds the flag only when its free-space test works.
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
         "--no-first-run", "--no-default-browser-check", "--hide-scrollbars"]
# Said on stderr by every run in a container without a session bus, and by
# Debian's wrapper when /dev/shm is mounted twice: not problems.
NOISE = re.compile(r"dbus|unexpected operator|bytes written to file|^\s*$")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "param", "source", "track", "wbr", "keygen", "frame", "basefont", "bgsound"}
HIDDEN_TEXT = {"script", "style", "template"}
ASCII_SPACE = re.compile(r"[ \t\n\f\r]+")


def chromium(arguments):
    """Runs chromium with a profile of its own; returns (rc, stdout bytes, stderr text)."""
    profile = tempfile.mkdtemp(prefix="check_html-")
    command = ["chromium"] + FLAGS + ["--user-data-dir=" + profile] + arguments
    try:
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, start_new_session=True)
    except FileNotFoundError:
        shutil.rmtree(profile, ignore_errors=True)
        return None, b"", "chromium not on PATH (scripts/ensure-deps.sh test installs it)"
    try:
        out, err = process.communicate(timeout=TIMEOUT)
        rc = process.returncode
    except subprocess.TimeoutExpired:
        out, err, rc = b"", b"timed out after %d s (an alert() or a loop in the page hangs it)" % TIMEOUT, None
    finally:
        try:
            os.killpg(process.pid, signal.SIGKILL)  # its zygote and renderers too
        except ProcessLookupError:
            pass
        process.wait()
        shutil.rmtree(profile, ignore_errors=True)
    said = [line for line in err.decode("utf-8", "replace").splitlines() if not NOISE.search(line)]
    return rc, out, " | ".join(said[-5:])


def normalised(text):
    return text.replace("\r\n", "\n").replace("\r", "\n")


class Element:
    __slots__ = ("tag", "attrs", "children", "parent")

    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.children, self.parent = tag, attrs, [], parent

    def classes(self):
        return ASCII_SPACE.split((self.attrs.get("class") or "").strip())

    def text(self, skip=()):
        return "".join(c if isinstance(c, str) else c.text(skip)
                       for c in self.children if isinstance(c, str) or c.tag not in skip)

    def walk(self):
        for child in self.children:
            if not isinstance(child, str):
                yield child
                yield from child.walk()


class Tree(html.parser.HTMLParser):
    """The dumped DOM as a tree: Chromium's serialisation closes every non-void element."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {}, None)
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {name: value for name, value in attrs}, self.current)
        self.current.children.append(element)
        if tag not in VOID:
            self.current = element

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Element(tag, {name: value for name, value in attrs}, self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not self.root and node.tag != tag:
            node = node.parent
        if node is not self.root:
            self.current = node.parent

    def handle_data(self, data):
        children = self.current.children
        if children and isinstance(children[-1], str):
            children[-1] += data
        else:
            children.append(data)


def first_difference(a, b):
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return i
    return min(len(a), len(b))


def check_dom(name, dom, text, spans, problems):
    tree = Tree()
    tree.feed(dom)
    tree.close()
    elements = list(tree.root.walk())
    keys = [span["key"] for span in spans]
    found = {key: [] for key in keys}
    unexpected = collections.Counter()
    for element in elements:
        if "seg" not in element.classes():
            continue
        inner = [c.tag for c in element.children if not isinstance(c, str)]
        if inner:
            problems.append("%s: a .seg has child elements <%s> (it must hold text only): %r"
                            % (name, "> <".join(inner), element.text()[:60]))
        covering = ASCII_SPACE.split((element.attrs.get("data-spans") or "").strip())
        covering = [key for key in covering if key]
        if not covering:
            problems.append("%s: a .seg without data-spans: %r" % (name, element.text()[:60]))
        for key in dict.fromkeys(covering):
            if key in found:
                found[key].append(element.text())
            else:
                unexpected[key] += 1
    for key, count in sorted(unexpected.items()):
        problems.append("%s: unexpected span %r in data-spans of %d .seg element(s)" % (name, key, count))
    labels, notes = collections.defaultdict(list), collections.defaultdict(list)
    for element in elements:
        classes = element.classes()
        if "lbl" in classes and element.attrs.get("data-for") is not None:
            labels[element.attrs["data-for"]].append(element.text(HIDDEN_TEXT))
        if "note" in classes and element.attrs.get("data-for") is not None:
            notes[element.attrs["data-for"]].append(element.text(HIDDEN_TEXT))
    for span in spans:
        key = span["key"]
        want = normalised(text[span["start"]:span["end"]])
        got = "".join(found[key])
        if got != want:
            at = first_difference(want, got)
            problems.append("%s: span %s [%d:%d]: expected %r, found %r (differ at character %d)"
                            % (name, key, span["start"], span["end"], want, got, at))
        if not labels.get(key):
            problems.append("%s: span %s: no .lbl element with data-for=%r" % (name, key, key))
        else:
            for tag in span.get("tags") or []:
                if not any(tag in label for label in labels[key]):
                    problems.append("%s: span %s: tag %r is not in the text of its label %r"
                                    % (name, key, tag, " / ".join(labels[key])))
        if span.get("note") is not None:
            note = normalised(span["note"])
            if not notes.get(key):
                problems.append("%s: span %s: no .note element with data-for=%r" % (name, key, key))
            elif note not in notes[key]:
                problems.append("%s: span %s: expected note %r, found %r" % (name, key, note, notes[key]))
    for element in elements:
        kind = (element.attrs.get("type") or "").strip().lower()
        if element.tag == "script" and kind != "application/json":
            problems.append("%s: a <script> element%s in the rendered DOM: %r"
                            % (name, " of type %r" % kind if kind else "", element.text()[:60]))
        for attribute in element.attrs:
            if attribute.startswith("on"):
                problems.append("%s: event handler %s=%r on <%s>"
                                % (name, attribute, element.attrs[attribute], element.tag))
    if "<script>" in normalised(text):
        bodies = [e for e in elements if e.tag == "body"]
        shown = bodies[0].text(HIDDEN_TEXT) if bodies else ""
        if "<script>" not in shown:
            problems.append("%s: the document's \"<script>\" is not shown as text in the body" % name)


def png_pixels(data):
    """Decodes a non-interlaced PNG; returns (width, height, Counter of pixel values)."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG (signature)")
    position, header, idat, palette, ended = 8, None, [], None, False
    while position < len(data):
        if position + 12 > len(data):
            raise ValueError("truncated chunk at byte %d" % position)
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        body = data[position + 8:position + 8 + length]
        crc = data[position + 8 + length:position + 12 + length]
        if len(body) != length or len(crc) != 4:
            raise ValueError("truncated %r chunk" % kind)
        if zlib.crc32(kind + body) != struct.unpack(">I", crc)[0]:
            raise ValueError("bad CRC in %r chunk" % kind)
        position += 12 + length
        if header is None and kind != b"IHDR":
            raise ValueError("first chunk is %r, not IHDR" % kind)
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"PLTE":
            palette = body
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            ended = True
            break
    if not ended:
        raise ValueError("no IEND chunk")
    if not idat:
        raise ValueError("no IDAT chunk")
    width, height, depth, colour, compression, filtering, interlace = header
    channels = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}.get(colour)
    if channels is None or width == 0 or height == 0 or compression or filtering:
        raise ValueError("bad IHDR %r" % (header,))
    if depth not in ((1, 2, 4, 8, 16) if colour == 0 else (1, 2, 4, 8) if colour == 3 else (8, 16)):
        raise ValueError("bad bit depth %d for colour type %d" % (depth, colour))
    if colour == 3 and palette is None:
        raise ValueError("palette image without PLTE")
    if interlace:
        raise ValueError("interlaced PNG (not decoded here)")
    raw = zlib.decompress(b"".join(idat))
    stride = (width * channels * depth + 7) // 8
    step = max(1, channels * depth // 8)  # bytes to the same byte of the previous pixel
    if len(raw) < (stride + 1) * height:
        raise ValueError("image data is %d bytes, %d needed" % (len(raw), (stride + 1) * height))
    mask7, mask8 = int.from_bytes(b"\x7f" * stride, "big"), int.from_bytes(b"\x80" * stride, "big")
    previous = bytes(stride)
    counts = collections.Counter()
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], raw[start + 1:start + 1 + stride]
        if kind == 0:
            row = line
        elif kind == 2:  # Up: bytewise sum without carries, as big integers
            a, b = int.from_bytes(line, "big"), int.from_bytes(previous, "big")
            row = ((((a & mask7) + (b & mask7)) ^ ((a ^ b) & mask8))).to_bytes(stride, "big")
        elif kind in (1, 3, 4):
            row = bytearray(line)
            for i in range(stride):
                left = row[i - step] if i >= step else 0
                if kind == 1:
                    row[i] = (row[i] + left) & 255
                elif kind == 3:
                    row[i] = (row[i] + ((left + previous[i]) >> 1)) & 255
                else:
                    up, corner = previous[i], previous[i - step] if i >= step else 0
                    p = left + up - corner
                    pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                    guess = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                    row[i] = (row[i] + guess) & 255
            row = bytes(row)
        else:
            raise ValueError("row %d has filter type %d" % (y, kind))
        previous = row
        if depth < 8:
            bits = bin(int.from_bytes(row, "big"))[2:].zfill(stride * 8)
            counts.update(bits[i:i + depth] for i in range(0, width * depth, depth))
        elif step in (1, 2, 4, 8):
            counts.update(memoryview(row).cast({1: "B", 2: "H", 4: "I", 8: "Q"}[step]))
        else:
            counts.update(row[i:i + step] for i in range(0, stride, step))
    return width, height, counts


def check_screenshot(name, page, path, problems):
    if os.path.exists(path):
        os.remove(path)
    rc, _, said = chromium(["--screenshot=" + path, "--window-size=%d,%d" % WINDOW,
                            "file://" + os.path.abspath(page)])
    if rc != 0 or not os.path.exists(path):
        problems.append("%s: chromium --screenshot failed (status %s): %s" % (name, rc, said))
        return None
    with open(path, "rb") as f:
        data = f.read()
    try:
        width, height, counts = png_pixels(data)
    except (ValueError, zlib.error, struct.error) as error:
        problems.append("%s: screenshot %s is not a valid PNG: %s" % (name, path, error))
        return None
    pixels = width * height
    background = counts.most_common(1)[0][1]
    other = (pixels - background) / pixels
    if other < 0.01:
        problems.append("%s: screenshot %s (%dx%d) is blank: %.3f%% of pixels differ from the background"
                        % (name, path, width, height, other * 100))
        return None
    return "screenshot %s %dx%d, %.1f%% non-background" % (os.path.basename(path), width, height, other * 100)


def check_page(page, problems):
    name = os.path.basename(page.get("html", "?"))
    try:
        with open(page["text"], encoding="utf-8", newline="") as f:
            text = f.read()
    except (OSError, UnicodeDecodeError, KeyError) as error:
        problems.append("%s: cannot read the document text: %s" % (name, error))
        return 0, None
    if text.startswith("\ufeff"):
        text = text[1:]
    spans = page.get("spans") or []
    seen = set()
    for span in spans:
        if span["key"] in seen:
            problems.append("%s: EXPECTED.json lists span %r twice" % (name, span["key"]))
        seen.add(span["key"])
        if not 0 <= span["start"] <= span["end"] <= len(text):
            problems.append("%s: EXPECTED.json span %s [%d:%d] is outside the text (%d characters)"
                            % (name, span["key"], span["start"], span["end"], len(text)))
    if not os.path.isfile(page.get("html", "")):
        problems.append("%s: no such page" % page.get("html"))
        return 0, None
    rc, out, said = chromium(["--dump-dom", "file://" + os.path.abspath(page["html"])])
    if rc != 0 or not out.strip():
        problems.append("%s: chromium --dump-dom failed (status %s): %s" % (name, rc, said))
        return 0, None
    try:
        dom = out.decode("utf-8")  # bytes: a text-mode pipe would turn a CR in the DOM into LF
    except UnicodeDecodeError as error:
        problems.append("%s: the dumped DOM is not UTF-8: %s" % (name, error))
        return 0, None
    check_dom(name, dom, text, spans, problems)
    shot = check_screenshot(name, page["html"], page["screenshot"], problems) if page.get("screenshot") else None
    return len(spans), shot


def main(argv):
    if len(argv) != 2 or argv[1].startswith("-"):
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        expected = json.load(f)
    problems, checked, shots = [], 0, []
    for page in expected["pages"]:
        count, shot = check_page(page, problems)
        checked += count
        if shot:
            shots.append(shot)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 1
    print("ok %d pages, %d spans checked%s" % (len(expected["pages"]), checked,
                                               "".join(", " + shot for shot in shots)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
