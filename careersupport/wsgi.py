import os

from django.core.wsgi import get_wsgi_application

from careersupport.serving import prepare_process

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careersupport.settings")
application = get_wsgi_application()

prepare_process()
