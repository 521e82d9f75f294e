### The demo's own pages (oauthclient-demo): ar catalog.

## The demo: navigation (base.html, oauthclient_base.html)

demo-brand = العرض التوضيحي لـ oauthclient-rs
demo-nav-home = الرئيسية
demo-nav-mailbox = صندوق البريد
demo-nav-email = البريد الإلكتروني
demo-nav-email-unconfirmed = (غير مؤكَّد)
demo-nav-sign-in = تسجيل الدخول
demo-nav-register = إنشاء حساب
demo-nav-sign-out = تسجيل الخروج

## The demo: home page (home.html)

demo-home-welcome = مرحبًا بك
demo-home-welcome-name = مرحبًا بك يا { $name }
demo-home-sign-in-heading = تسجيل الدخول
demo-home-linked-intro = الخدمات المرتبطة بحسابك، وخدمات أخرى يمكنك ربطها:
demo-home-sign-in-intro = استخدم حسابًا لديك بالفعل:
demo-home-linked = { $provider } مرتبط ✓
demo-home-sign-in-with = تسجيل الدخول باستخدام { $provider }
demo-home-password-sign-in = أو { $link }.
    .link = سجّل الدخول ببريدك الإلكتروني وكلمة المرور
demo-home-sandbox = وضع التجربة: المزوّد على { $url } بديل محلي؛ أي اسم مستخدم وكلمة مرور يعملان.

## The demo: password sign-in and registration (login.html, register.html, local_accounts.rs)

demo-login-title = تسجيل الدخول
demo-login-identifier-label = عنوان البريد الإلكتروني أو اسم المستخدم
demo-login-password-label = كلمة المرور
demo-login-submit = تسجيل الدخول
demo-login-no-account = ليس لديك حساب؟ { $register }، أو سجّل الدخول عبر مزوّد من { $home }.
    .register = أنشئ حسابًا
    .home = الصفحة الرئيسية
demo-login-wrong-credentials = عنوان البريد الإلكتروني أو كلمة المرور غير صحيحة.
demo-login-email-unconfirmed = يُرجى تأكيد عنوان بريدك الإلكتروني أولًا: افتح الرابط الذي أرسلناه إليك، أو اطلب رابطًا جديدًا أدناه.
demo-login-rate-limited =
    { $seconds ->
        [zero] محاولات تسجيل دخول كثيرة جدًا. يُرجى الانتظار { $seconds } ثانية ثم المحاولة مرة أخرى.
        [one] محاولات تسجيل دخول كثيرة جدًا. يُرجى الانتظار ثانية واحدة ثم المحاولة مرة أخرى.
        [two] محاولات تسجيل دخول كثيرة جدًا. يُرجى الانتظار ثانيتين ثم المحاولة مرة أخرى.
        [few] محاولات تسجيل دخول كثيرة جدًا. يُرجى الانتظار { $seconds } ثوانٍ ثم المحاولة مرة أخرى.
        [many] محاولات تسجيل دخول كثيرة جدًا. يُرجى الانتظار { $seconds } ثانية ثم المحاولة مرة أخرى.
       *[other] محاولات تسجيل دخول كثيرة جدًا. يُرجى الانتظار { $seconds } ثانية ثم المحاولة مرة أخرى.
    }
demo-register-title = إنشاء حساب
demo-register-username-label = اسم المستخدم (اختياري: طريقة ثانية لتسجيل الدخول)
demo-register-password-label = كلمة المرور (الحد الأدنى لعدد الأحرف: { $min })
demo-register-submit = إنشاء حساب
demo-register-password-too-short = يُرجى اختيار كلمة مرور لا يقل عدد أحرفها عن { $min }.
demo-register-password-unusable = لا يمكن استخدام كلمة المرور هذه.
demo-register-username-at = لا يمكن أن يحتوي اسم المستخدم على «@» (لأنه سيُقرأ كعنوان بريد إلكتروني).
demo-check-inbox-resend-label = أرسل رابطًا جديدًا إلى
demo-flash-created = تم إنشاء حسابك.
demo-flash-created-link-sent = تم إنشاء حسابك. أرسلنا إليك رابطًا لتأكيد عنوان بريدك الإلكتروني.
demo-flash-created-mail-failed = تم إنشاء حسابك، لكن تعذّر إرسال رسالة التأكيد. اطلب رابطًا جديدًا من صفحة البريد الإلكتروني.
demo-error-form-expired = انتهت صلاحية النموذج؛ يُرجى إعادة تحميل الصفحة.
demo-not-found = غير موجود.

## The demo: sandbox mailbox (mailbox.html)

demo-mailbox-title = صندوق بريد التجربة
demo-mailbox-intro = يعمل العرض التوضيحي دون خادم SMTP: تُحفظ هنا الرسائل التي كان سيرسلها، الأحدث أولًا، حتى يتوقف.
demo-mailbox-to = إلى:
demo-mailbox-subject = الموضوع:
demo-mailbox-empty = لا توجد رسائل بعد.
demo-mailbox-smtp = تُرسَل الرسائل عبر خادم SMTP المُعدّ.

## The sandbox sign-in method, shown on the library's pages

app-sandbox-title = بيئة التجربة
app-sandbox-description = مزوّد بديل محلي: أي اسم مستخدم وكلمة مرور يعملان.
