import factory

from lontar.records.models import Classification, ClassificationScheme


class ClassificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Classification
        django_get_or_create = ("scheme", "code")

    scheme = ClassificationScheme.PERMENDAGRI_83_2022
    code = factory.Sequence(lambda n: f"000.{n % 9 + 1}.{n}")
    title = factory.Sequence(lambda n: f"Klasifikasi uji {n}")
