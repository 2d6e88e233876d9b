"""Staff pages of the catalog: the dashboard, the accounting export, the bank statement import."""

from communesplone.core.translating import Translates
from communesplone.core.spreadsheets import csv_text
from communesplone.core.spreadsheets import XLSX_MIMETYPE
from communesplone.core.spreadsheets import xlsx_bytes
from communesplone.eguichet.staff import is_staff
from communesplone.eguichet.listing import FILTER_TITLES
from communesplone.eguichet.listing import FILTERS
from communesplone.eguichet.listing import filter_query
from communesplone.eguichet.listing import order_brains
from communesplone.eguichet.listing import summary
from communesplone.eguichet.listing import with_state_title
from communesplone.eguichet.statements import import_statement
from communesplone.eguichet.statements import report_rows
from communesplone.eguichet.statements import StatementError
from datetime import date
from datetime import timedelta
from DateTime import DateTime
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zExceptions import Unauthorized


EXPORT_COLUMNS = ("reference", "created", "document", "quantity", "delivery_method", "total",
                  "payment_status", "review_state")


class StaffView(Translates, BrowserView):
    def check(self):
        if not is_staff(self.context):
            raise Unauthorized("Staff of a processing service only")


class DashboardView(StaffView):
    """``@@orders-dashboard``: new, mine, awaiting payment, late, with counts."""

    index = ViewPageTemplateFile("templates/dashboard.pt")

    def __call__(self):
        self.check()
        chosen = self.request.form.get("filter")
        self.current = chosen if chosen in FILTERS else "new"
        return self.index()

    def _query(self, name):
        return filter_query(name, api.user.get_current().getId())

    def filters(self):
        """One catalog query a filter for its count (four or five, not one per order)."""
        return [{
            "id": name, "title": self.t(FILTER_TITLES[name]),
            "count": len(order_brains(self.context, **self._query(name))),
            "url": f"{self.context.absolute_url()}/@@orders-dashboard?filter={name}",
            "current": name == self.current,
        } for name in FILTERS]

    def orders(self):
        return [with_state_title(summary(brain), self.request)
                for brain in order_brains(self.context, **self._query(self.current))]


def _period(form):
    today = date.today()
    try:
        start = date.fromisoformat(form.get("start") or "")
    except ValueError:
        start = today.replace(day=1)
    try:
        end = date.fromisoformat(form.get("end") or "")
    except ValueError:
        end = today
    return start, end


class ExportView(StaffView):
    """``@@orders-export?start=YYYY-MM-DD&end=YYYY-MM-DD[&format=xlsx]``: CSV (or XLSX,
    the same table) for accounting.

    Figures only (no applicant data); only the orders the staff member may see.
    In the XLSX, quantities and totals are numbers a spreadsheet can add up.
    """

    def __call__(self):
        self.check()
        start, end = _period(self.request.form)
        xlsx = self.request.form.get("format") == "xlsx"
        brains = order_brains(self.context, sort_on="created", sort_order="ascending",
                              created={"query": (DateTime(start.isoformat()),
                                                 DateTime((end + timedelta(days=1)).isoformat())),
                                       "range": "min:max"})
        rows = []
        for brain in brains:
            line = summary(brain)
            line["created"] = (line["created"] or "")[:10]
            line["total"] = round(line["total"] or 0, 2) if xlsx else f"{line['total'] or 0:.2f}"
            rows.append([line[column] for column in EXPORT_COLUMNS])
        response = self.request.response
        name = f"orders-{start}-{end}"
        if xlsx:
            response.setHeader("Content-Type", XLSX_MIMETYPE)
            response.setHeader("Content-Disposition", f'attachment; filename="{name}.xlsx"')
            return xlsx_bytes(EXPORT_COLUMNS, rows, title=name)
        response.setHeader("Content-Type", "text/csv; charset=utf-8")
        response.setHeader("Content-Disposition", f'attachment; filename="{name}.csv"')
        return csv_text(EXPORT_COLUMNS, rows, delimiter=";")


class ImportStatementView(StaffView):
    """``@@import-statement``: a CODA or CSV statement marks the orders it pays.

    The same :func:`~communesplone.eguichet.statements.import_statement` as
    ``POST <catalog>/@import-statement``.
    """

    index = ViewPageTemplateFile("templates/import_statement.pt")

    def __call__(self):
        self.check()
        self.report = None
        self.error = None
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            upload = self.request.form.get("statement")
            data = upload.read() if upload else b""
            try:
                self.report = import_statement(data, self.context)
            except StatementError as error:
                self.error = self.t(error.message)
        return self.index()

    def matched(self):
        return report_rows(self.report, self.t)[0] if self.report else []

    def unmatched(self):
        rows = report_rows(self.report, self.t)[1] if self.report else []
        return [dict(row, reason=row["reason_text"]) for row in rows]
