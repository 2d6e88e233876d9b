"""Every deliberation PDF is tagged (structure tree, language, title) and PDF/A-3a, read back
by pikepdf (qpdf), not by us; the publication register keeps those PDF/A files."""

from communesplone.deliberations import documents
from communesplone.deliberations import register
from deliberationhelpers import published_meeting

import io
import pikepdf

PDFAID = "{http://www.aiim.org/pdfa/ns/id/}"
DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"


def _structure(node, found):
    """The structure types in reading order (``/Document``, ``/H1``, ``/Table``, ...)."""
    kind = node.get("/S")
    if kind is not None:
        found.append(str(kind))
    kids = node.get("/K")
    if isinstance(kids, pikepdf.Dictionary):
        kids = [kids]
    if isinstance(kids, pikepdf.Array | list):
        for kid in kids:
            if isinstance(kid, pikepdf.Dictionary):
                _structure(kid, found)
    return found


def assert_tagged_pdfa(data, language, title):
    pdf = pikepdf.open(io.BytesIO(data))
    root = pdf.Root
    assert bool(root.MarkInfo.Marked) is True
    assert str(root.Lang) == language
    assert "/StructTreeRoot" in root and "/OutputIntents" in root
    with pdf.open_metadata() as xmp:
        assert xmp.get(PDFAID + "part") == "3"
        assert xmp.get(PDFAID + "conformance") == "A"
        assert xmp.get(DC_TITLE) == title
    kinds = _structure(root.StructTreeRoot, [])
    # a sensible reading order: the document, its heading first, then the body
    assert kinds[0] in ("/StructTreeRoot", "/Document") or "/Document" in kinds[:2]
    first_block = next(k for k in kinds if k not in ("/Document", "/StructTreeRoot", "/Part",
                                                       "/Sect", "/Div", "/NonStruct"))
    assert first_block in ("/P", "/H1"), kinds[:8]
    assert "/H1" in kinds
    return kinds


def test_every_document_is_tagged_pdfa_and_registered_so(council):
    meeting, public, closed = published_meeting(council)
    for name in ("agenda", "convocation", "minutes"):
        data = documents.meeting_data(meeting, include_closed=name == "convocation",
                                      unrestricted=True, language="fr")
        assert_tagged_pdfa(documents.render_pdf(name, data), "fr", meeting.Title())
    extract = documents.render_pdf("extract", documents.extract_data(public, meeting,
                                                                    language="nl"))
    kinds = assert_tagged_pdfa(extract, "nl", public.Title())
    assert "/P" in kinds
    stored = register.entries(public_only=True)
    assert {entry["kind"] for entry in stored} == {"agenda", "decision", "minutes"}
    for entry in stored:
        data = register.get(entry["id"])["file"].data
        pdf = pikepdf.open(io.BytesIO(data))
        with pdf.open_metadata() as xmp:
            assert xmp.get(PDFAID + "conformance") == "A", entry["kind"]
        assert bool(pdf.Root.MarkInfo.Marked)
