"""A fast tokenizer and splice writer for PDF content streams.

``parse(data)`` reads a content stream with compiled regular expressions (pypdf's own
parser reads it a byte at a time and was the largest cost of editing a page) into
operations ``(operands, operator, start, end)``: ``start:end`` is the operation's span
in ``data``, from its first operand to the end of its operator. Operands are plain
values: numbers as ``float`` (integers too: every use of them is arithmetic, and an
integral float is written back without a fraction), names as ``str`` ("/F1", ``#xx``
decoded as pypdf decodes them, so they look up the same resources), strings as
``bytes`` (escapes, octal codes and nested parentheses of literal strings, and hex
strings, decoded), arrays as ``list``, dictionaries as ``dict``, ``True``/``False``/
``None``. An operation holding a name with ``#`` or a byte over 127 has no span: pypdf
writes such a name anew in the resource dictionaries (a GBK name as UTF-8 #xx codes),
so the operation is written anew the same way.

Whatever this tokenizer is not certain to read as pypdf and a viewer would (an inline
image, a raw carriage return or an unknown escape inside a literal string, a malformed
number or an integer of 16 digits, an operator inside an array, a NUL right after a name
or an operator, a vertical tab, a repeated dictionary key...) raises ``Unsure``: the caller then parses the
stream with pypdf (``pypdf_operations``), whose operations carry no span.

``splice(ops, data)`` writes operations back: an operation with a span is copied from
``data`` byte for byte (runs of neighbouring ones in one piece), one without (a new or
rewritten operation, or one with a comment among its operands) is serialised anew, and
so is a text show whose strings are escaped or hex (written compactly, for the readers
of the output). Comments between operations are never copied: a comment can hold
anything.

The tokenizer and the splice writer are one module (over 500 lines) because splice copies
the byte spans the tokenizer records: both must agree on where every token ends.
"""

from __future__ import annotations

import codecs
import io
import re
import zlib

from pypdf.generic import (
    BooleanObject,
    ByteStringObject,
    ContentStream,
    DecodedStreamObject,
    FloatObject,
    NameObject,
    NullObject,
    NumberObject,
    PdfObject,
    TextStringObject,
)

_WS = b"\x00\t\n\x0c\r "
_W = rb"[\x00\t\n\x0c\r ]"
# A vertical tab (\x0b) is no regular byte here, nor whitespace: outside a string it
# matches nothing (-> Unsure). The specification reads it as a regular byte, pypdf as
# the end of a name or an operator, then fails on it (inside an array it is whitespace).
_REGULAR = rb"[^\x00\t\n\x0b\x0c\r ()<>\[\]{}/%]"
# one way only to match a number ("\d+\.?\d*" matches "10" two ways: backtracking over
# a run of operands that ends in no operator would be exponential). At most 15 digits
# before the point: pypdf reads an integer exactly, and a float holds one of 16 digits
# or more only roughly (9007199254740993 reads as ...992.0).
_NUM = rb"[+-]?(?:\d{1,15}(?:\.\d*)?|\.\d+)(?!" + _REGULAR + rb")"
# every token pattern ends where the token ends: the regex engine must not backtrack into
# a token and split it ("/P<<" is the name /P, never "/" then an operator P). A name or
# an operator followed by a NUL matches nothing: pypdf reads the NUL as part of it (the
# specification as whitespace).
_END = rb"(?=[\t\n\x0c\r ()<>\[\]{}/%]|\Z)"
_NAME = rb"/" + _REGULAR + rb"*" + _END
_STR = rb"\([^()\\\r]*(?:\\[\s\S][^()\\\r]*)*\)"  # a literal string without nesting or raw CR
_HEX = rb"<[0-9A-Fa-f\x00\t\n\x0c\r ]*>"
_OPERATOR = rb"[A-Za-z'\"]" + _REGULAR + rb"*" + _END
_SIMPLE = rb"(?:" + _NUM + rb"|" + _NAME + rb"|" + _STR + rb"|" + _HEX + rb")"
_ARRAY = rb"\[(?:" + _W + rb"*" + _SIMPLE + rb")*" + _W + rb"*\]"

# The common case in one match: an operation whose operands are numbers, names, strings
# without nesting, hex strings and flat arrays of those, then its operator.
_OPERATION = re.compile(
    _W + rb"*((?:(?:" + _SIMPLE + rb"|" + _ARRAY + rb")" + _W + rb"*)*)(" + _OPERATOR + rb")")
# The same with the leading whitespace captured (spans are summed from the lengths) and
# the commonest shapes of operands in groups of their own, commonest first: none (q, BT),
# numbers only (cm, Td, Tm, rg...), a name and a number (Tf), one string (Tj).
# A last alternative matches any one byte where no operation starts, so iterating stops
# there: a scan that went on would try the pattern again at every later byte, each try
# running to the end of the operands (quadratic on a long run of operands without an
# operator, which a hostile file can hold).
_OPERATION_SPACED = re.compile(
    rb"(" + _W + rb"*)("
    rb"|((?:" + _NUM + _W + rb"*)+)"
    rb"|(" + _NAME + rb")" + _W + rb"*(" + _NUM + rb")" + _W + rb"*"
    rb"|(" + _STR + rb")" + _W + rb"*"
    rb"|(?:(?:" + _SIMPLE + rb"|" + _ARRAY + rb")" + _W + rb"*)+"
    rb")(" + _OPERATOR + rb")|([\s\S])")
_OPERAND = re.compile(_SIMPLE + rb"|" + _ARRAY)
_ARRAY_ITEM = re.compile(_SIMPLE)

# Anything else, one token at a time (after any whitespace). Branches are tried in
# order; a position where none matches holds a token this tokenizer does not know.
_TOKEN = re.compile(
    _W + rb"*(?:"
    rb"(?P<num>" + _NUM + rb")"
    rb"|(?P<op>" + _OPERATOR + rb")"
    rb"|(?P<name>" + _NAME + rb")"
    rb"|(?P<str>" + _STR + rb")"
    rb"|(?P<hex>" + _HEX + rb")"
    rb"|(?P<aopen>\[)|(?P<aclose>\])|(?P<dopen><<)|(?P<dclose>>>)"
    rb"|(?P<lstr>\()"  # a literal string with nested parentheses: _read_string
    rb"|(?P<comment>%[^\r\n]*)"
    rb"|(?P<end>\Z)"
    rb")"
)
# Inside a literal string: a stretch of plain bytes and escapes, up to the next
# parenthesis, raw carriage return or end of data.
_STR_CHUNK = re.compile(rb"(?:[^()\\\r]|\\(?:\r\n|[\s\S]))*")
_ESCAPE = re.compile(rb"\\([0-7]{1,3}|\r\n|[\s\S])")
# Escapes pypdf and the PDF specification read alike (a backslash before an end of
# line continues the string). Octal codes over 255 are missing on purpose: pypdf and
# the specification read their overflow differently. Any escape not here -> Unsure.
_ESCAPES = {
    b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f", b"(": b"(", b")": b")",
    b"\\": b"\\", b"/": b"/", b" ": b" ", b"%": b"%", b"<": b"<", b">": b">", b"[": b"[",
    b"]": b"]", b"\r\n": b"", b"\r": b"", b"\n": b"",
    **{f"{c:o}".encode(): bytes((c,)) for c in range(256)},
    **{f"{c:02o}".encode(): bytes((c,)) for c in range(64)},
    **{f"{c:03o}".encode(): bytes((c,)) for c in range(256)},
}
# An escape (escaped backslashes aside) that Python's escape_decode does not read as PDF
# does; it reads alike \n \r \t \b \f \<LF>, octal codes up to 255, and \( \) once
# made octal.
_PYTHON_MISREADS = re.compile(rb"\\(?:[^0-7nrtbf()\n]|[4-7][0-7]{2}|\Z)")
_KEYWORDS = {b"true": True, b"false": False, b"null": None}
# Operators that start something the tokenizer does not read itself (an inline image;
# a bare keyword, which pypdf reads as an operator).
_UNSURE_OPERATORS = frozenset((b"BI", b"ID", b"EI", b"true", b"false", b"null"))
_PLAIN_NAME = re.compile(rb"/[!-~]*")
# a name that pypdf may write with other bytes than the source's (see the module doc);
# found inside a string too, which only costs writing that operation anew
_ODD_NAME = re.compile(rb"/" + _REGULAR + rb"*?[#\x80-\xff]")
_NAMES: dict[bytes, str] = {}  # name token -> name: a stream uses few names, many times
_PLAIN_NAME_OUT = re.compile(r"/[^\x00-\x20\x7f-\U0010ffff#()<>\[\]{}/%]*")  # no byte needs #xx


class Unsure(Exception):
    """This stream holds something the tokenizer does not read with certainty."""


# A backslash before two line ends: pypdf drops both ("\\\n\r", "\\\n\n", "\\\r\r"), the
# specification only the first. With a CR in them the string is Unsure anyway.
_TWO_LINE_ENDS = "a backslash before two line ends"


def _unescape(body: bytes) -> bytes:
    parts = _ESCAPE.split(body)  # text, escape, text, escape, ..., text
    try:
        parts[1::2] = map(_ESCAPES.__getitem__, parts[1::2])
    except KeyError:
        raise Unsure("escape read differently by pypdf and the specification") from None
    return b"".join(parts)


def _string(token: bytes) -> bytes:
    """The bytes of a literal string token matched by _STR (no nesting: each parenthesis
    inside is escaped)."""
    body = token[1:-1]
    if b"\\" not in body:
        return body
    if b"\\\n\n" in body:
        raise Unsure(_TWO_LINE_ENDS)
    # escaped backslashes out (bytes.replace pairs them from the left, as a reader
    # does): each backslash left starts an escape, and none may be one Python misreads
    if _PYTHON_MISREADS.search(body.replace(b"\\\\", b"")) is None:
        # every parenthesis in such a body is escaped (a bare one would be nesting),
        # so each "\\(" is an escape: as an octal code Python reads it too
        if b"\\(" in body or b"\\)" in body:
            body = body.replace(b"\\(", b"\\050").replace(b"\\)", b"\\051")
        return codecs.escape_decode(body)[0]
    return _unescape(body)


def _read_string(data: bytes, pos: int) -> tuple[bytes, int]:
    """The literal string opening at ``data[pos] == b"("`` (nested parentheses allowed):
    its bytes and the end offset."""
    depth = 1
    p = pos + 1
    n = len(data)
    while True:
        p = _STR_CHUNK.match(data, p).end()
        if p >= n:
            raise Unsure("unterminated string")
        c = data[p]
        if c == 0x28:  # (
            depth += 1
        elif c == 0x29:  # )
            depth -= 1
            if depth == 0:
                break
        else:  # a raw CR: pypdf keeps it, the specification reads it as LF
            raise Unsure("carriage return in a string")
        p += 1
    body = data[pos + 1:p]  # may hold bare (nested) parentheses: read exactly
    if b"\\" not in body:
        return body, p + 1
    if b"\\\n\n" in body:
        raise Unsure(_TWO_LINE_ENDS)
    return _unescape(body), p + 1


def _hex(token: bytes) -> bytes:
    digits = token[1:-1].translate(None, _WS)
    if len(digits) % 2:
        digits += b"0"
    return bytes.fromhex(digits.decode("ascii"))


def _name(token: bytes) -> str:
    value = _NAMES.get(token)
    if value is None:
        if b"#" not in token and _PLAIN_NAME.fullmatch(token):
            value = token.decode("ascii")
        else:  # decoded exactly as pypdf decodes it, to find the same resources
            value = str(NameObject.read_from_stream(io.BytesIO(token), None))
        if len(_NAMES) > 4096:
            _NAMES.clear()
        _NAMES[token] = value
    return value


def _number(token: bytes) -> float:
    return float(token)


def _simple(token: bytes):
    """The value of one operand token matched by _OPERAND."""
    c = token[0]
    if c == 0x2F:  # /
        return _name(token)
    if c == 0x28:  # (
        return _string(token)
    if c == 0x3C:  # <
        return _hex(token)
    if c == 0x5B:  # [
        return [_simple(t) for t in _ARRAY_ITEM.findall(token, 1)]
    return float(token)


def parse(data: bytes) -> list[tuple[list, bytes, int | None, int | None]]:
    """The operations of a content stream, each with its span in ``data`` (None when it
    must be written anew: a comment among its operands, an odd name)."""
    ops = _parse_common(data)
    return ops if ops is not None else _parse_any(data)


def _parse_common(data: bytes) -> list | None:
    """The operations when the whole stream is made of common ones only (one findall),
    else None."""
    ops: list = []
    append = ops.append
    simple = _simple
    findall = _OPERAND.findall
    unsure_ops = _UNSURE_OPERATORS
    string = _string
    numbers_of, name_of = _NUMBERS.get, _TF_NAMES.get
    pos = 0
    for m in _OPERATION_SPACED.finditer(data):
        space, text, numbers, a_name, a_number, one_string, op, other = m.groups()
        if other is not None:
            if data[m.start():].strip(_WS):
                return None  # not a common operation
            break  # only whitespace left
        start = pos + len(space)
        pos = start + len(text) + len(op)
        if op in unsure_ops:
            return None
        if not text:
            append(([], op, start, pos))
        elif numbers:
            values = numbers_of(numbers)
            if values is None:
                values = _numbers(numbers)
            append((list(values), op, start, pos))
        elif a_name:
            named = name_of(a_name)
            if named is None:
                named = _tf_name(a_name)
            append(([named[0], float(a_number)], op, start if named[1] else None, pos))
        elif one_string:
            append(([string(one_string)], op, start, pos))
        else:
            odd = (b"#" in text or not text.isascii()) and _ODD_NAME.search(text)
            append(([simple(t) for t in findall(text)], op, None if odd else start, pos))
    return ops if pos == len(data.rstrip(_WS)) else None


# A stream repeats the same operands line after line (26 TL, 0 0 0 rg, a grid of cm
# offsets) and a few font names: each read once (bounded caches, cleared when full).
_NUMBERS: dict[bytes, tuple] = {}
_TF_NAMES: dict[bytes, tuple[str, bool]] = {}


def _numbers(token: bytes) -> tuple:
    """The numbers of a numbers-only operand text (``_OPERATION_SPACED``'s group)."""
    values = tuple(map(float, token.split()) if b"\x00" not in token else map(_simple, _OPERAND.findall(token)))
    if len(_NUMBERS) > 8192:
        _NUMBERS.clear()
    _NUMBERS[token] = values
    return values


def _tf_name(token: bytes) -> tuple[str, bool]:
    """A name token's value, and True when the operation holding it keeps its span (the
    name is not odd: see the module doc)."""
    named = (_name(token), _ODD_NAME.search(token) is None)
    if len(_TF_NAMES) > 4096:
        _TF_NAMES.clear()
    _TF_NAMES[token] = named
    return named


def _parse_any(data: bytes) -> list:
    ops: list = []
    append = ops.append
    simple = _simple
    findall = _OPERAND.findall
    unsure_ops = _UNSURE_OPERATORS
    pos = 0
    n = len(data)
    while pos < n:
        # the common operations, one match each, as long as they follow one another (each
        # match anchored at pos: a search would try every later byte, see _OPERATION_SPACED)
        while (m := _OPERATION.match(data, pos)) is not None:
            text, op = m.group(1, 2)
            if op in unsure_ops:
                raise Unsure("inline image or bare keyword")
            pos = m.end()
            if not text:
                append(([], op, m.start(2), pos))
            elif (b"/" in text or b"(" in text or b"<" in text or b"[" in text or b"\x00" in text):
                odd = (b"#" in text or not text.isascii()) and _ODD_NAME.search(text)
                append(([simple(t) for t in findall(text)], op, None if odd else m.start(1), pos))
            else:  # numbers only
                append((list(map(float, text.split())), op, m.start(1), pos))
        if pos >= n:
            break
        entry, pos = _parse_one(data, pos)
        if entry is None:
            break
        append(entry)
    return ops


def _parse_one(data: bytes, pos: int) -> tuple[tuple | None, int]:
    """The next operation from ``pos``, a token at a time: ``(None, end)`` at the end of
    the data (operands left without an operator draw nothing: dropped). Its span is None
    when it must be written anew (a comment among its operands, an odd name)."""
    operands: list = []
    stack: list[list] = []  # open arrays and dictionaries, innermost last
    kinds: list[bool] = []  # True for a dictionary
    start = -1  # offset of the operation's first token
    dirty = False  # to be written anew
    match = _TOKEN.match
    while True:
        m = match(data, pos)
        if m is None:
            raise Unsure("unknown token")
        kind = m.lastgroup
        pos = m.end()
        if kind == "num":
            value = _number(m.group(kind))
        elif kind == "op":
            token = m.group(kind)
            if stack:
                if token not in _KEYWORDS:
                    raise Unsure("operator inside an array or dictionary")
                value = _KEYWORDS[token]
            else:
                if token in _UNSURE_OPERATORS:
                    raise Unsure("inline image or bare keyword")
                if token.startswith(b"stream"):  # after a dictionary, pypdf reads a stream
                    raise Unsure("stream keyword")
                return (operands, token, None if dirty else (start if start >= 0 else m.start(kind)), pos), pos
        elif kind == "name":
            token = m.group(kind)
            value = _name(token)
            if _ODD_NAME.match(token):
                dirty = True  # written anew, as pypdf writes the name
        elif kind == "str":
            value = _string(m.group(kind))
        elif kind == "hex":
            value = _hex(m.group(kind))
        elif kind == "lstr":
            value, pos = _read_string(data, m.start(kind))
        elif kind == "aopen" or kind == "dopen":
            if start < 0 and not stack:
                start = m.start(kind)
            stack.append([])
            kinds.append(kind == "dopen")
            continue
        elif kind == "aclose" or kind == "dclose":
            if not stack or kinds[-1] != (kind == "dclose"):
                raise Unsure("unbalanced array or dictionary")
            items = stack.pop()
            if kinds.pop():
                keys = items[::2]
                if len(items) % 2 or not all(isinstance(k, str) for k in keys):
                    raise Unsure("malformed dictionary")
                value = dict(zip(keys, items[1::2]))
                if len(value) < len(keys):  # pypdf keeps a repeated key's first value
                    raise Unsure("repeated key in a dictionary")
            else:
                value = items
        elif kind == "comment":
            if operands or stack:
                dirty = True
            continue
        else:  # end
            if stack:
                raise Unsure("unterminated array or dictionary")
            return None, pos
        if stack:
            stack[-1].append(value)
        else:
            if start < 0:
                start = m.start(kind)
            operands.append(value)


_A85_DIGITS = bytes(range(0x21, 0x76))
_A85_CHAINS = (["/ASCII85Decode", "/FlateDecode"], ["/A85", "/Fl"])


def _a85(data: bytes) -> bytes | None:
    """ASCII85 decoded as base64.a85decode(adobe=True) decodes it (what pypdf uses), a
    group of five at a time with numpy; None for anything unusual (pypdf decides then)."""
    import numpy as np

    d = data.translate(None, _WS)
    if not d.endswith(b"~>"):
        return None
    d = d[2:-2] if d.startswith(b"<~") else d[:-2]
    if b"z" in d:  # a zero group: valid only between groups
        parts = d.split(b"z")
        if any(len(part) % 5 for part in parts[:-1]):
            return None
        d = b"!!!!!".join(parts)
    if d.translate(None, _A85_DIGITS):
        return None
    rem = len(d) % 5
    if rem == 1:
        return None
    if rem:
        d += b"u" * (5 - rem)
    digits = np.frombuffer(d, dtype=np.uint8).reshape(-1, 5).astype(np.uint64) - 33
    values = digits[:, 0]
    for k in range(1, 5):
        values = values * 85 + digits[:, k]
    if values.size and int(values.max()) > 0xFFFFFFFF:
        return None
    out = values.astype(">u4").tobytes()
    return out[:len(out) - (5 - rem)] if rem else out


def stream_data(stream) -> bytes:
    """A pypdf stream's decoded data: ASCII85 then Flate (reportlab's content streams)
    decoded here, much faster than pypdf's pure-Python ASCII85; anything else, or
    anything unusual about such a stream, by pypdf (``get_data``)."""
    if getattr(stream, "decoded_self", None) is None and "/DecodeParms" not in stream:
        filters = stream.get("/Filter")
        if isinstance(filters, list) and [str(f) for f in filters] in _A85_CHAINS:
            raw = getattr(stream, "_data", None)
            if isinstance(raw, bytes):
                decoded = _a85(raw)
                if decoded is not None:
                    try:
                        return zlib.decompress(decoded)
                    except zlib.error:
                        pass
    return stream.get_data()


def plain(value):
    """A pypdf content-stream operand as the plain value ``parse`` would give."""
    if isinstance(value, NameObject):
        return str(value)
    if isinstance(value, TextStringObject):
        raw = getattr(value, "_original_bytes", None)
        return bytes(raw) if raw is not None else value.get_original_bytes()
    if isinstance(value, ByteStringObject):
        return bytes(value)
    if isinstance(value, BooleanObject):
        return bool(value.value)
    if isinstance(value, NullObject):
        return None
    if isinstance(value, NumberObject):
        return int(value)
    if isinstance(value, FloatObject):
        return float(value)
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    raise Unsure(f"operand {type(value).__name__}")


def pypdf_operations(data: bytes) -> list[tuple[list, bytes, None, None]]:
    """The operations as pypdf parses them (inline images included), without spans."""
    stream = DecodedStreamObject()
    stream.set_data(data)
    out = []
    for operands, op in ContentStream(stream, None, "bytes").operations:
        if op != b"INLINE IMAGE":
            operands = [plain(v) for v in operands]
        out.append((operands, op, None, None))
    return out


def parsed_operations(data: bytes) -> tuple[list[tuple[list, bytes, int | None, int | None]], bool]:
    """``parse``, or pypdf's parse where the tokenizer is unsure; and whether pypdf parsed
    them (verify then reads the document with pdfminer.six too)."""
    try:
        return parse(data), False
    except Unsure:
        return pypdf_operations(data), True


def operations(data: bytes) -> list[tuple[list, bytes, int | None, int | None]]:
    """``parse``, or pypdf's parse where the tokenizer is unsure."""
    return parsed_operations(data)[0]


def literal(data: bytes) -> bytes:
    """A literal string ``(...)``: end-of-line bytes escaped (a raw CR or CRLF reads
    back as LF), backslashes and parentheses escaped."""
    return (b"(" + data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
            .replace(b"\r", b"\\r").replace(b"\n", b"\\n") + b")")


def number(x: float) -> bytes:
    """A number as a content stream writes it: no exponent, no fraction when integral."""
    i = int(x)  # OverflowError, ValueError: not a finite number
    if x == i and -1e15 < x < 1e15:
        return b"%d" % i
    r = float.__repr__(x)  # pypdf's FloatObject has its own repr
    if "e" in r or "E" in r:  # no exponents in PDF
        r = f"{x:.12f}".rstrip("0").rstrip(".")
    return r.encode("ascii")


def name(value: str) -> bytes:
    """A name (str, "/F1") as a content stream writes it."""
    if _PLAIN_NAME_OUT.fullmatch(value):
        return value.encode("ascii")
    return NameObject(value).renumber()  # #xx as pypdf writes it


def _value(value) -> bytes:
    """One operand written anew: strings as literals."""
    kind = type(value)
    if kind is float:
        return number(value)
    if kind is bytes:
        return literal(value)
    if kind is list:
        return b"[" + b" ".join(map(_value, value)) + b"]"
    if kind is str:
        return name(value)
    if kind is int:
        return b"%d" % value
    # subclasses (pypdf's objects, from its parse) and the rare kinds
    if isinstance(value, bytes):
        return literal(bytes(value))
    if isinstance(value, TextStringObject):
        return literal(plain(value))
    if isinstance(value, str):
        return name(str(value))
    if isinstance(value, bool):
        return b"true" if value else b"false"
    if isinstance(value, int):
        return b"%d" % value
    if isinstance(value, float):
        return number(float(value))
    if value is None:
        return b"null"
    if isinstance(value, list):
        return b"[" + b" ".join(map(_value, value)) + b"]"
    if isinstance(value, dict):
        return b"<<" + b" ".join(name(str(k)) + b" " + _value(v) for k, v in value.items()) + b">>"
    if isinstance(value, PdfObject):  # BooleanObject, NullObject from pypdf
        buf = io.BytesIO()
        value.write_to_stream(buf)
        return buf.getvalue()
    raise TypeError(f"cannot write a {type(value).__name__} operand")


def written(data: bytes) -> tuple:
    """An operation (or several, newline-separated) already written as ``data``: splice
    copies it as it is."""
    return (None, data, None, None)


def serialize_op(operands, op: bytes) -> bytes:
    """One operation written anew (strings as literals). ``operands`` None: ``op`` is the
    operation already written (see ``written``)."""
    if operands is None:
        return op
    if op == b"INLINE IMAGE":  # only from pypdf's parse: pypdf writes it back
        cs = ContentStream(None, None)
        cs.operations = [(operands, op)]
        return cs.get_data().strip(b"\n")
    if not operands:
        return op
    return b" ".join(map(_value, operands)) + b" " + op


# Text shows whose strings are escaped or hex are written anew, as literals of the raw
# bytes: the readers verify runs on the output (pypdf, pdfminer) read an escape or a hex
# digit a character at a time, so a compact string costs them far less to read back.
_SHOWS = frozenset((b"Tj", b"TJ", b"'", b'"'))


def splice(ops, data: bytes | None) -> bytes:
    """The content stream of ``ops`` (``(operands, operator[, start, end])``): spans copied
    from ``data``, neighbouring spans in one piece when only whitespace lies between
    them; everything else serialised, and text shows with escaped or hex strings too
    (see _SHOWS). Pieces are separated by a newline."""
    parts: list[bytes] = []
    append = parts.append
    shows = _SHOWS
    run_start = run_end = -1
    for entry in ops:
        start = entry[2] if len(entry) > 2 else None
        if start is not None and data is not None:
            end = entry[3]
            if not (entry[1] in shows and (data.find(b"\\", start, end) >= 0 or data.find(b"<", start, end) >= 0)):
                if run_end >= 0:
                    if start >= run_end and data.find(b"%", run_end, start) < 0:
                        run_end = end  # only whitespace between: one piece
                        continue
                    append(data[run_start:run_end])
                run_start, run_end = start, end
                continue
        if run_end >= 0:
            append(data[run_start:run_end])
            run_start = run_end = -1
        append(serialize_op(entry[0], entry[1]))
    if run_end >= 0:
        append(data[run_start:run_end])
    return b"\n".join(parts)
