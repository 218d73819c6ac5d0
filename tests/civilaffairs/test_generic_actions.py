"""The shared "form that calls one service on one scoped object" (civilaffairs.generic.ObjectActionView): 404
outside the jurisdiction, a service's refusals on the form, a double submit as a clear sentence, inline forms
flashed on the record's page."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.http import Http404
from django.test import RequestFactory

from civilaffairs.generic import ObjectActionView, add_validation_errors
from civilaffairs.models import Person

pytestmark = pytest.mark.django_db


class NoteForm(forms.Form):
    note = forms.CharField()


class NoteView(ObjectActionView):
    model = Person
    form_class = NoteForm
    form_user = False
    permission_required = "civilaffairs.change_person"
    title = "写备注"
    outcome = None

    def perform(self, form):
        if self.outcome is not None:
            raise self.outcome
        return self.object


def call(view_class, user, pk, data=None, **attrs):
    request = RequestFactory().post("/x/", data or {}) if data is not None else RequestFactory().get("/x/")
    request.user = user
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    response = view_class.as_view(**attrs)(request, pk=pk)
    return response, [str(m) for m in get_messages(request)]


def test_the_record_is_looked_up_in_the_jurisdiction(county_staff, caseworker_b, person_a):
    response, _messages = call(NoteView, county_staff, person_a.pk)
    assert response.status_code == 200 and "写备注：" in response.content.decode()
    with pytest.raises(Http404):
        call(NoteView, caseworker_b, person_a.pk)


def test_success_says_so_and_returns_to_the_record(county_staff, person_a):
    response, messages = call(NoteView, county_staff, person_a.pk, {"note": "已核实"})
    assert response.status_code == 302 and response["Location"] == person_a.get_absolute_url()
    assert messages == ["已保存。"]


@pytest.mark.parametrize(
    ("outcome", "shown"),
    [
        (ValidationError({"note": "备注太短。"}), "备注太短。"),
        (ValidationError("该记录已注销。"), "该记录已注销。"),
        (PermissionDenied("该区划不在您的辖区。"), "该区划不在您的辖区。"),
        (IntegrityError("unique"), "该记录已存在（可能是重复提交），本次未保存任何内容。"),
    ],
)
def test_refusals_come_back_on_the_form(county_staff, person_a, outcome, shown):
    response, messages = call(NoteView, county_staff, person_a.pk, {"note": "x"}, outcome=outcome)
    assert response.status_code == 200 and messages == []
    assert shown in response.content.decode()


def test_an_inline_form_flashes_its_problems_on_the_record_page(county_staff, person_a):
    response, messages = call(NoteView, county_staff, person_a.pk, {}, inline=True)
    assert response.status_code == 302 and response["Location"] == person_a.get_absolute_url()
    assert messages == ["该字段是必填项。"]
    response, messages = call(
        NoteView, county_staff, person_a.pk, {"note": "x"}, inline=True, outcome=ValidationError("已经审核过了。")
    )
    assert response.status_code == 302 and messages == ["已经审核过了。"]
    response, _messages = call(NoteView, county_staff, person_a.pk, inline=True)
    assert response.status_code == 405


def test_errors_on_fields_the_form_lacks_are_named_by_the_model():
    class PersonNameForm(forms.ModelForm):
        class Meta:
            model = Person
            fields = ["name"]

    form = PersonNameForm(data={"name": "张三"})
    assert form.is_valid()
    add_validation_errors(form, ValidationError({"name": "重名。", "phone": "号码不对。", "other": "别的。"}))
    assert form.errors["name"] == ["重名。"]
    phone_label = str(Person._meta.get_field("phone").verbose_name)
    assert form.non_field_errors() == [f"{phone_label}：号码不对。", "别的。"]
