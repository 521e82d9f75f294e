### The single-page app's static strings (examples/spa), served by GET /api/oauth/locale: ar catalog.

## The single-page app (examples/spa/index.html, app.js)

spa-title = تطبيق الصفحة الواحدة لـ oauthclient-rs
spa-intro = HTML وJavaScript بسيطان يتواصلان مع واجهة JSON البرمجية تحت { $path }.
spa-loading = جارٍ التحميل…
spa-sign-in-heading = تسجيل الدخول
spa-signed-out-intro = لم تسجّل الدخول. اختر طريقة تسجيل الدخول:
spa-remember-me = تذكّرني على هذا الجهاز
spa-signup-heading = أكمل إنشاء حسابك
spa-signup-full-name-label = الاسم الكامل (اختياري)
spa-session-heading = جلستك
spa-signed-in-as = تم تسجيل الدخول باسم { $user }
spa-email-unconfirmed = (عنوان البريد الإلكتروني غير مؤكَّد)
spa-sign-out-everywhere-explanation = ينهي كل جلسات حسابك: في هذا المتصفح وعلى كل الأجهزة الأخرى.
spa-sign-in-with = تسجيل الدخول باستخدام { $provider }
spa-reconnect = إعادة ربط { $provider }
spa-account-connected = مرتبط
spa-account-not-connected = غير مرتبط
spa-account-needs-reconnect = تلزم إعادة الربط: سجّل الدخول به مرة أخرى
spa-going-to-provider = جارٍ الانتقال إلى المزوّد…
spa-error-network = تعذّر الوصول إلى الخادم (خطأ في الشبكة أو طلب مرفوض من مصدر آخر).
spa-error-http = ردّ الخادم بـ HTTP { $status }.
spa-error-detail-status = HTTP { $status }
spa-error-detail-code = الرمز { $code }
spa-error-bad-authorization-url = أعاد الخادم عنوان URL للتفويض لا يبدأ بـ http(s).
spa-field-error = { $field }: { $message }
spa-field-email = عنوان البريد الإلكتروني
spa-field-full-name = الاسم الكامل

## The single-page app: texts the library's pages also show (the same words as the
## library's catalog; the API serves a client only spa-* messages)

spa-language-label = اللغة
spa-signup-submit = إنشاء حساب
spa-linked-accounts-heading = الحسابات المرتبطة
spa-sign-out-heading = تسجيل الخروج
spa-sign-out-everywhere = تسجيل الخروج من كل الأجهزة
spa-connect = ربط { $provider }
spa-disconnect = إلغاء ربط { $provider }
