import os

from django.core.asgi import get_asgi_application

from careersupport.serving import prepare_process

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careersupport.settings")
application = get_asgi_application()

prepare_process()
