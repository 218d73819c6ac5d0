from django.db import IntegrityError
from django.utils.translation import gettext as _
from rest_framework import serializers

from civilaffairs.api.generic import CleanModelSerializer, ScopedRegionField
from civilaffairs.choices import RegionLevel
from civilaffairs.idnumber import ID_INPUT_MAX_LENGTH, parse_id_number
from civilaffairs.models import Person, Region, RegionStat


class RegionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Region
        fields = [
            "code",
            "name",
            "level",
            "kind",
            "parent",
            "urban_rural",
            "official_code",
            "is_placeholder",
            "abolished_on",
        ]


class RegionStatSerializer(CleanModelSerializer):
    # Any level, but inside the writer's jurisdiction: a county's staff keep their own county's figures only.
    region = ScopedRegionField()

    class Meta:
        model = RegionStat
        fields = [
            "id",
            "region",
            "year",
            "resident_population",
            "registered_population",
            "households",
            "aged_60_plus",
            "minors",
            "disabled_registered",
            "source",
            "is_demo",
        ]


class PersonSerializer(serializers.ModelSerializer):
    id_number = serializers.CharField(max_length=ID_INPUT_MAX_LENGTH)
    # A village or community, as on the page form: a township alone puts the person in no village's lists.
    region = ScopedRegionField(levels=[RegionLevel.VILLAGE])
    region_name = serializers.CharField(source="region.full_name", read_only=True)
    birth_year = serializers.IntegerField(source="birth_date.year", read_only=True)
    birth_date = serializers.DateField(
        read_only=True, allow_null=True, help_text="Null for viewers who see ID numbers masked (see birth_year)."
    )

    class Meta:
        model = Person
        fields = [
            "id",
            "id_number",
            "name",
            "sex",
            "birth_date",
            "birth_year",
            "region",
            "region_name",
            "address",
            "phone",
            "death_date",
        ]
        read_only_fields = ["sex", "birth_date"]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        user = self.context["request"].user
        data["id_number"] = instance.id_number_for(user)
        if not user.has_perm("civilaffairs.view_full_id_number"):
            # The masked digits are the birth date: the date beside a masked number would unmask it.
            data["birth_date"] = None
        return data

    def validate_id_number(self, value: str) -> str:
        from django.core.exceptions import ValidationError as DjangoValidationError

        try:
            number = parse_id_number(value).number
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.messages) from None
        clash = Person.objects.filter(id_number=number)
        if self.instance is not None:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise serializers.ValidationError(_("This ID number is already registered."))
        return number

    def _save(self, instance: Person, validated_data: dict) -> Person:
        from django.core.exceptions import ValidationError as DjangoValidationError
        from django.db import transaction

        for key, value in validated_data.items():
            setattr(instance, key, value)
        try:
            instance.full_clean(validate_unique=False)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.message_dict) from None
        try:
            with transaction.atomic():
                instance.save()
        except IntegrityError:
            raise serializers.ValidationError({"id_number": [_("This ID number is already registered.")]}) from None
        return instance

    def create(self, validated_data):
        return self._save(Person(), validated_data)

    def update(self, instance, validated_data):
        return self._save(instance, validated_data)
