"""Import/export resources (django-import-export). Exports mask ID numbers unless the viewer may see them."""

from import_export import fields, resources

from civilaffairs.models import Person


class ViewerResource(resources.ModelResource):
    """A resource that knows who is exporting, so it can mask what their role may not see."""

    def __init__(self, user=None, **kwargs):
        super().__init__(**kwargs)
        self.user = user

    def can_see_full_ids(self) -> bool:
        return self.user is not None and self.user.has_perm("civilaffairs.view_full_id_number")


class PersonResource(ViewerResource):
    id_number = fields.Field(attribute="id_number", column_name="公民身份号码")
    name = fields.Field(attribute="name", column_name="姓名")
    sex = fields.Field(attribute="get_sex_display", column_name="性别")
    birth_date = fields.Field(attribute="birth_date", column_name="出生日期")
    township = fields.Field(column_name="乡镇（街道）")
    village = fields.Field(column_name="村（社区）")
    address = fields.Field(attribute="address", column_name="住址")
    phone = fields.Field(attribute="phone", column_name="联系电话")

    class Meta:
        model = Person
        fields = ("id_number", "name", "sex", "birth_date", "township", "village", "address", "phone")
        export_order = fields

    def dehydrate_id_number(self, person: Person) -> str:
        return person.id_number if self.can_see_full_ids() else person.masked_id_number

    def dehydrate_birth_date(self, person: Person):
        return person.birth_date if self.can_see_full_ids() else person.birth_date_for(self.user)

    def dehydrate_township(self, person: Person) -> str:
        return person.residence_township.name if person.residence_township else ""

    def dehydrate_village(self, person: Person) -> str:
        return person.residence_village.name if person.residence_village else ""

    def get_export_queryset(self, request=None):  # pragma: no cover - exports always pass a queryset
        return Person.objects.none()
