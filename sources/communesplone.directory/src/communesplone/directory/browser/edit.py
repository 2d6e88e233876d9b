"""The entry's edit form: a business owner needs the identity assurance the directory asks."""

from communesplone.directory.events import check_owner_assurance
from plone.dexterity.browser.edit import DefaultEditForm
from plone.z3cform import layout


class BusinessEditForm(DefaultEditForm):
    """Dexterity's edit form, after the owner's identity check (the step-up page otherwise)."""

    def update(self):
        check_owner_assurance(self.context, self.request)
        super().update()


BusinessEditView = layout.wrap_form(BusinessEditForm)
