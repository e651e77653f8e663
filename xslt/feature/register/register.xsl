<?xml version="1.0" encoding="UTF-8"?>
<!--
  register.xsl - the feature "register" (src/register.c, migrate_legacy.c,
  member.c): 新規ユーザー登録 and 旧システムからの移行 after seed 000, 会員情報,
  and the admin's identity change requests.  Messages: i18n/*-register.xml
  (keys "reg.…").  Forms are the generic component; these templates add
  the words around them, the step list and the summaries.

  Models (every flow page has <content><steps kind current/>…):
    register, migrate, migrate-terms
        <terms version published><body/></terms>, <draft href/>?, @lost?
    register-email    @sent? @verified?, <email/>
    register-verify, migrate-start   @state = confirm|ready|invalid|expired
    register-licence  the form; the stored licence inside its field
    register-check, register-confirm
        <registration regno regno-date email?><licence><upload/></licence>
        </registration>, <personal><item name key type? value-key?/></personal>
    register-personal @saved? @prefilled?
    register-done, register-activate @state = done|already|invalid
    member-email      @state = done|invalid|taken
    migrate-lookup    @sent?
    member            @none? | <member regno regno-date email since
                        legacy-id?><personal/><licence/><training>
                        <period domain domain-name from to status source>
                        <facility/></period></training><changes/></member>
    member-change     <changes><change id field state requested decided>
                        <old/><new/><comment/>?</change></changes>
    admin-member-changes  <pending><change id uid field requested
                        member-name regno><old/><new/><reason/><upload/>?
                        </change></pending> <decided>…</decided>;
                        with pending/@only one change and /page/form
                        [@id = 'member-decide'] deciding it
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:str="http://exslt.org/strings"
    exclude-result-prefixes="str">

  <!-- ================================================================
       Titles: "reg.title.<page name>" for every page of the feature.
       ================================================================ -->
  <xsl:template mode="title" match="page[contains(
      ' register register-email register-verify register-licence register-check
        register-personal register-confirm register-done register-activate
        migrate migrate-lookup migrate-start migrate-terms member
        member-contact member-email member-change admin-member-changes ',
      concat(' ', @name, ' '))]">
    <xsl:call-template name="t">
      <xsl:with-param name="k" select="concat('reg.title.', @name)"/>
    </xsl:call-template>
  </xsl:template>

  <!-- The heading of a flow page: the flow, then the step. -->
  <xsl:template name="reg-heading">
    <xsl:if test="/page/@name != 'register' and /page/@name != 'migrate'">
      <p class="lead reg-flow">
        <xsl:call-template name="t">
          <xsl:with-param name="k" select="concat('reg.flow.', /page/content/steps/@kind)"/>
        </xsl:call-template>
      </p>
    </xsl:if>
    <h1><xsl:apply-templates select="/page" mode="title"/></h1>
    <xsl:apply-templates select="/page/content/steps" mode="reg"/>
  </xsl:template>

  <!--
    Where the visitor is in the flow (seed 000's overview): an ordered
    list, the current step marked for assistive technology too.
  -->
  <xsl:template match="steps" mode="reg">
    <xsl:variable name="cur" select="@current"/>
    <xsl:variable name="list">
      <xsl:choose>
        <xsl:when test="@kind = 'migrate'">terms lookup licence check personal confirm done</xsl:when>
        <xsl:otherwise>terms email licence check personal confirm done</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <nav class="reg-steps-nav">
      <xsl:attribute name="aria-label">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'reg.steps'"/></xsl:call-template>
      </xsl:attribute>
      <ol class="reg-steps">
        <xsl:for-each select="str:tokenize($list, ' ')">
          <li>
            <xsl:if test=". = $cur">
              <xsl:attribute name="aria-current">step</xsl:attribute>
              <xsl:attribute name="class">reg-step-current</xsl:attribute>
            </xsl:if>
            <xsl:choose>
              <xsl:when test=". = $cur">
                <strong>
                  <xsl:call-template name="t"><xsl:with-param name="k" select="concat('reg.step.', .)"/></xsl:call-template>
                </strong>
              </xsl:when>
              <xsl:otherwise>
                <xsl:call-template name="t"><xsl:with-param name="k" select="concat('reg.step.', .)"/></xsl:call-template>
              </xsl:otherwise>
            </xsl:choose>
          </li>
        </xsl:for-each>
      </ol>
    </nav>
  </xsl:template>

  <xsl:template name="reg-p">
    <xsl:param name="k"/>
    <xsl:param name="class" select="''"/>
    <p>
      <xsl:if test="$class != ''"><xsl:attribute name="class"><xsl:value-of select="$class"/></xsl:attribute></xsl:if>
      <xsl:call-template name="t"><xsl:with-param name="k" select="$k"/></xsl:call-template>
    </p>
  </xsl:template>

  <xsl:template name="reg-notice">
    <xsl:param name="k"/>
    <xsl:param name="kind" select="'success'"/>
    <div class="flash flash-{$kind}" role="status">
      <xsl:call-template name="t"><xsl:with-param name="k" select="$k"/></xsl:call-template>
    </div>
  </xsl:template>

  <xsl:template name="reg-link">
    <xsl:param name="href"/>
    <xsl:param name="k"/>
    <xsl:param name="class" select="'btn btn-secondary'"/>
    <a class="{$class}" href="{$href}">
      <xsl:call-template name="t"><xsl:with-param name="k" select="$k"/></xsl:call-template>
    </a>
  </xsl:template>

  <!-- The terms text, its line breaks kept (CORE-23). -->
  <xsl:template match="terms" mode="reg">
    <section class="reg-terms" aria-labelledby="reg-terms-title">
      <h2 id="reg-terms-title">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'reg.terms.title'"/></xsl:call-template>
      </h2>
      <xsl:choose>
        <xsl:when test="@version">
          <p class="meta">
            <xsl:call-template name="t">
              <xsl:with-param name="k" select="'terms.version'"/>
              <xsl:with-param name="arg" select="@version"/>
            </xsl:call-template>
            <xsl:text> </xsl:text>
            <xsl:call-template name="date"><xsl:with-param name="d" select="@published"/></xsl:call-template>
          </p>
          <div class="terms-body">
            <xsl:for-each select="str:tokenize(string(body), '&#10;')">
              <p><xsl:value-of select="."/></p>
            </xsl:for-each>
          </div>
        </xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="reg-p"><xsl:with-param name="k" select="'terms.none'"/></xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <!-- ================================================================
       1. 新規ユーザー登録 / 旧システムからの移行: システム利用規約に同意する
       ================================================================ -->
  <xsl:template match="page[@name = 'register' or @name = 'migrate' or @name = 'migrate-terms']" mode="content">
    <xsl:call-template name="reg-heading"/>
    <xsl:if test="content/@lost = '1'">
      <xsl:call-template name="reg-notice">
        <xsl:with-param name="k" select="'reg.lost'"/>
        <xsl:with-param name="kind" select="'warning'"/>
      </xsl:call-template>
    </xsl:if>
    <xsl:if test="content/draft">
      <div class="flash flash-warning" role="status">
        <p><xsl:call-template name="t"><xsl:with-param name="k" select="'reg.draft.exists'"/></xsl:call-template></p>
        <p>
          <xsl:call-template name="reg-link">
            <xsl:with-param name="href" select="content/draft/@href"/>
            <xsl:with-param name="k" select="'reg.draft.continue'"/>
            <xsl:with-param name="class" select="'btn btn-primary'"/>
          </xsl:call-template>
        </p>
      </div>
    </xsl:if>
    <xsl:choose>
      <xsl:when test="@name = 'register'">
        <xsl:call-template name="reg-p"><xsl:with-param name="k" select="'reg.register.prepare'"/><xsl:with-param name="class" select="'lead'"/></xsl:call-template>
      </xsl:when>
      <xsl:when test="@name = 'migrate'">
        <xsl:call-template name="reg-p"><xsl:with-param name="k" select="'reg.migrate.intro'"/><xsl:with-param name="class" select="'lead'"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="reg-p"><xsl:with-param name="k" select="'reg.migrate.terms-again'"/><xsl:with-param name="class" select="'lead'"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:apply-templates select="content/terms" mode="reg"/>
    <xsl:call-template name="reg-p"><xsl:with-param name="k" select="'reg.terms.agree'"/></xsl:call-template>
    <xsl:apply-templates select="form"/>
  </xsl:template>

  <!-- ================================================================
       2. メールアドレスの確認
       ================================================================ -->
  <xsl:template match="page[@name = 'register-email']" mode="content">
    <xsl:call-template name="reg-heading"/>
    <xsl:choose>
      <xsl:when test="content/@sent = '1'">
        <div class="flash flash-success" role="status">
          <p>
            <xsl:call-template name="t">
              <xsl:with-param name="k" select="'reg.email.sent'"/>
              <xsl:with-param name="arg" select="content/email"/>
            </xsl:call-template>
          </p>
        </div>
        <xsl:call-template name="reg-p"><xsl:with-param name="k" select="'reg.email.spam'"/></xsl:call-template>
        <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'reg.email.again'"/></xsl:call-template></h2>
      </xsl:when>
      <xsl:when test="content/@verified = '1'">
        <xsl:call-template name="reg-p"><xsl:with-param name="k" select="'reg.email.verified'"/><xsl:with-param name="class" select="'lead'"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="reg-p"><xsl:with-param name="k" select="'reg.email.intro'"/><xsl:with-param name="class" select="'lead'"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:apply-templates select="form"/>
  </xsl:template>

  <!-- The verification link, and the migration's URL. -->
  <xsl:template match="page[@name = 'register-verify' or @name = 'migrate-start']" mode="content">
    <xsl:variable name="start">
      <xsl:choose>
        <xsl:when test="@name = 'migrate-start'">/migrate</xsl:when>
        <xsl:otherwise>/register</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:call-template name="reg-heading"/>
    <xsl:choose>
      <xsl:when test="content/@state = 'expired' or content/@state = 'invalid'">
        <div class="flash flash-warning" role="alert">
          <p><xsl:call-template name="t"><xsl:with-param name="k" select="concat('reg.link.', content/@state)"/></xsl:call-template></p>
        </div>
        <xsl:call-template name="reg-p"><xsl:with-param name="k" select="'reg.link.again'"/></xsl:call-template>
        <p class="form-actions">
          <xsl:call-template name="reg-link">
            <xsl:with-param name="href" select="$start"/>
            <xsl:with-param name="k" select="concat('reg.link.start', substring('-migrate', 1, 8 * ($start = '/migrate')))"/>
            <xsl:with-param name="class" select="'btn btn-primary'"/>
          </xsl:call-template>
        </p>
      </xsl:when>
      <xsl:when test="@name = 'migrate-start'">
        <xsl:call-template name="reg-p"><xsl:with-param name="k" select="'reg.migrate.start'"/><xsl:with-param name="class" select="'lead'"/></xsl:call-template>
        <xsl:apply-templates select="form"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="reg-p"><xsl:with-param name="k" select="'reg.verify.elsewhere'"/><xsl:with-param name="class" select="'lead'"/></xsl:call-template>
        <xsl:apply-templates select="form"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ================================================================
       3. 医籍登録番号の登録 / 4. 登録内容の確認
       ================================================================ -->
  <xsl:template match="page[@name = 'register-licence']" mode="content">
    <xsl:call-template name="reg-heading"/>
    <xsl:call-template name="reg-p"><xsl:with-param name="k" select="'reg.licence.intro'"/><xsl:with-param name="class" select="'lead'"/></xsl:call-template>
    <xsl:apply-templates select="form"/>
  </xsl:template>

  <!-- 医籍登録番号, 医籍登録日, 確認資料 (and the address on 確認). -->
  <xsl:template match="registration" mode="reg">
    <section class="reg-summary" aria-labelledby="reg-licence-title">
      <h2 id="reg-licence-title">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'reg.summary.licence'"/></xsl:call-template>
      </h2>
      <dl class="reg-dl">
        <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'field.regno'"/></xsl:call-template></dt>
        <dd><xsl:value-of select="@regno"/></dd>
        <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'field.regdate'"/></xsl:call-template></dt>
        <dd><xsl:call-template name="date"><xsl:with-param name="d" select="@regno-date"/></xsl:call-template></dd>
        <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'reg.f.licence'"/></xsl:call-template></dt>
        <dd>
          <xsl:for-each select="licence/upload">
            <xsl:call-template name="upload-preview">
              <xsl:with-param name="delete" select="'none'"/>
            </xsl:call-template>
          </xsl:for-each>
        </dd>
        <xsl:if test="@email">
          <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'field.email'"/></xsl:call-template></dt>
          <dd><xsl:value-of select="@email"/></dd>
        </xsl:if>
      </dl>
      <xsl:if test="/page/@name = 'register-confirm'">
        <p>
          <a href="/register/licence">
            <xsl:call-template name="t"><xsl:with-param name="k" select="'reg.fix.licence'"/></xsl:call-template>
          </a>
        </p>
      </xsl:if>
    </section>
  </xsl:template>

  <xsl:template match="page[@name = 'register-check']" mode="content">
    <xsl:call-template name="reg-heading"/>
    <xsl:call-template name="reg-p"><xsl:with-param name="k" select="'reg.check.intro'"/><xsl:with-param name="class" select="'lead'"/></xsl:call-template>
    <xsl:apply-templates select="content/registration" mode="reg"/>
    <xsl:apply-templates select="form"/>
  </xsl:template>

  <!-- ================================================================
       5. 個人情報の登録 / 6. 確認 → 登録
       ================================================================ -->
  <xsl:template match="page[@name = 'register-personal']" mode="content">
    <xsl:call-template name="reg-heading"/>
    <xsl:if test="content/@saved = '1'">
      <xsl:call-template name="reg-notice"><xsl:with-param name="k" select="'msg.saved'"/></xsl:call-template>
    </xsl:if>
    <xsl:call-template name="reg-p"><xsl:with-param name="k" select="'reg.personal.intro'"/><xsl:with-param name="class" select="'lead'"/></xsl:call-template>
    <xsl:if test="content/@prefilled = '1'">
      <xsl:call-template name="reg-p"><xsl:with-param name="k" select="'reg.personal.prefilled'"/></xsl:call-template>
    </xsl:if>
    <xsl:apply-templates select="form"/>
  </xsl:template>

  <!-- Personal information as a definition list (confirm, 会員情報). -->
  <xsl:template match="personal | affiliation" mode="reg">
    <dl class="reg-dl">
      <xsl:for-each select="item">
        <dt><xsl:call-template name="t"><xsl:with-param name="k" select="@key"/></xsl:call-template></dt>
        <dd>
          <xsl:choose>
            <xsl:when test="@value-key">
              <xsl:call-template name="t"><xsl:with-param name="k" select="@value-key"/></xsl:call-template>
            </xsl:when>
            <xsl:when test="@type = 'date'">
              <xsl:call-template name="date"><xsl:with-param name="d" select="."/></xsl:call-template>
            </xsl:when>
            <xsl:when test="(@name = 'postal_code' or @name = 'work_postal') and normalize-space(.) != ''">
              <xsl:text>〒</xsl:text><xsl:value-of select="."/>
            </xsl:when>
            <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
          </xsl:choose>
        </dd>
      </xsl:for-each>
    </dl>
  </xsl:template>

  <xsl:template match="page[@name = 'register-confirm']" mode="content">
    <xsl:call-template name="reg-heading"/>
    <xsl:call-template name="reg-p"><xsl:with-param name="k" select="'reg.confirm.intro'"/><xsl:with-param name="class" select="'lead'"/></xsl:call-template>
    <xsl:apply-templates select="content/registration" mode="reg"/>
    <section class="reg-summary" aria-labelledby="reg-personal-title">
      <h2 id="reg-personal-title">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'reg.summary.personal'"/></xsl:call-template>
      </h2>
      <xsl:apply-templates select="content/personal" mode="reg"/>
      <dl class="reg-dl">
        <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'field.password'"/></xsl:call-template></dt>
        <dd><xsl:call-template name="t"><xsl:with-param name="k" select="'reg.password.set'"/></xsl:call-template></dd>
      </dl>
      <p>
        <a href="/register/personal">
          <xsl:call-template name="t"><xsl:with-param name="k" select="'reg.fix.personal'"/></xsl:call-template>
        </a>
      </p>
    </section>
    <xsl:apply-templates select="form"/>
  </xsl:template>

  <xsl:template match="page[@name = 'register-done']" mode="content">
    <xsl:call-template name="reg-heading"/>
    <div class="flash flash-success" role="status">
      <p><xsl:call-template name="t"><xsl:with-param name="k" select="'reg.done.sent'"/></xsl:call-template></p>
    </div>
    <xsl:call-template name="reg-p"><xsl:with-param name="k" select="'reg.done.open'"/></xsl:call-template>
    <p class="notice"><strong><xsl:call-template name="t"><xsl:with-param name="k" select="'reg.done.warn'"/></xsl:call-template></strong></p>
    <xsl:call-template name="reg-p"><xsl:with-param name="k" select="'reg.email.spam'"/></xsl:call-template>
  </xsl:template>

  <!-- The login URL of the registration mail. -->
  <xsl:template match="page[@name = 'register-activate']" mode="content">
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <xsl:choose>
      <xsl:when test="content/@state = 'invalid'">
        <div class="flash flash-warning" role="alert">
          <p><xsl:call-template name="t"><xsl:with-param name="k" select="'reg.activate.invalid'"/></xsl:call-template></p>
        </div>
      </xsl:when>
      <xsl:otherwise>
        <div class="flash flash-success" role="status">
          <p><xsl:call-template name="t"><xsl:with-param name="k" select="concat('reg.activate.', content/@state)"/></xsl:call-template></p>
        </div>
        <xsl:call-template name="reg-p"><xsl:with-param name="k" select="'reg.activate.how'"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
    <p class="form-actions">
      <xsl:call-template name="reg-link">
        <xsl:with-param name="href" select="'/login'"/>
        <xsl:with-param name="k" select="'reg.activate.login'"/>
        <xsl:with-param name="class" select="'btn btn-primary'"/>
      </xsl:call-template>
    </p>
  </xsl:template>

  <!-- ================================================================
       旧システムからの移行: ユーザー情報の引き継ぎ
       ================================================================ -->
  <xsl:template match="page[@name = 'migrate-lookup']" mode="content">
    <xsl:call-template name="reg-heading"/>
    <xsl:choose>
      <xsl:when test="content/@sent = '1'">
        <div class="flash flash-success" role="status">
          <p><xsl:call-template name="t"><xsl:with-param name="k" select="'reg.migrate.sent'"/></xsl:call-template></p>
        </div>
        <xsl:call-template name="reg-p"><xsl:with-param name="k" select="'reg.email.spam'"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="reg-p"><xsl:with-param name="k" select="'reg.migrate.lookup'"/><xsl:with-param name="class" select="'lead'"/></xsl:call-template>
        <xsl:apply-templates select="form"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ================================================================
       会員情報 (ACC-4)
       ================================================================ -->
  <xsl:template name="reg-field-name">
    <xsl:param name="f" select="@field"/>
    <xsl:call-template name="t"><xsl:with-param name="k" select="concat('reg.field.', $f)"/></xsl:call-template>
  </xsl:template>

  <xsl:template name="reg-state">
    <xsl:call-template name="t"><xsl:with-param name="k" select="concat('reg.state.', @state)"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="changes" mode="reg">
    <xsl:if test="change">
      <section class="reg-changes" aria-labelledby="reg-changes-title">
        <h2 id="reg-changes-title">
          <xsl:call-template name="t"><xsl:with-param name="k" select="'reg.member.changes'"/></xsl:call-template>
        </h2>
        <ul class="notice-list">
          <xsl:for-each select="change">
            <li class="notice">
              <p class="notice-title">
                <xsl:call-template name="reg-field-name"/>
                <xsl:text>：</xsl:text>
                <xsl:value-of select="old"/>
                <xsl:text> → </xsl:text>
                <xsl:value-of select="new"/>
              </p>
              <p class="notice-body">
                <strong><xsl:call-template name="reg-state"/></strong>
                <xsl:text> </xsl:text>
                <xsl:call-template name="t">
                  <xsl:with-param name="k" select="'reg.change.requested'"/>
                  <xsl:with-param name="arg" select="@requested"/>
                </xsl:call-template>
                <xsl:if test="@decided">
                  <xsl:text> </xsl:text>
                  <xsl:call-template name="t">
                    <xsl:with-param name="k" select="'reg.change.decided'"/>
                    <xsl:with-param name="arg" select="@decided"/>
                  </xsl:call-template>
                </xsl:if>
              </p>
              <xsl:if test="comment">
                <p class="notice-body">
                  <xsl:call-template name="t"><xsl:with-param name="k" select="'reg.f.comment'"/></xsl:call-template>
                  <xsl:text>：</xsl:text>
                  <xsl:value-of select="comment"/>
                </p>
              </xsl:if>
            </li>
          </xsl:for-each>
        </ul>
      </section>
    </xsl:if>
  </xsl:template>

  <xsl:template match="page[@name = 'member']" mode="content">
    <xsl:variable name="m" select="content/member"/>
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <xsl:choose>
      <xsl:when test="content/@none = '1'">
        <xsl:call-template name="reg-p"><xsl:with-param name="k" select="'reg.member.none'"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <section class="reg-summary" aria-labelledby="reg-identity-title">
          <h2 id="reg-identity-title">
            <xsl:call-template name="t"><xsl:with-param name="k" select="'reg.member.identity'"/></xsl:call-template>
          </h2>
          <dl class="reg-dl">
            <xsl:if test="$m/@member-no">
              <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'member.f.member_no'"/></xsl:call-template></dt>
              <dd><xsl:value-of select="$m/@member-no"/></dd>
            </xsl:if>
            <xsl:if test="$m/@regno">
              <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'field.regno'"/></xsl:call-template></dt>
              <dd><xsl:value-of select="$m/@regno"/></dd>
              <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'field.regdate'"/></xsl:call-template></dt>
              <dd><xsl:call-template name="date"><xsl:with-param name="d" select="$m/@regno-date"/></xsl:call-template></dd>
            </xsl:if>
            <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'field.email'"/></xsl:call-template></dt>
            <dd><xsl:value-of select="$m/@email"/></dd>
            <xsl:if test="$m/@legacy-id">
              <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'reg.f.legacy-id'"/></xsl:call-template></dt>
              <dd><xsl:value-of select="$m/@legacy-id"/></dd>
            </xsl:if>
            <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'reg.member.since'"/></xsl:call-template></dt>
            <dd><xsl:call-template name="date"><xsl:with-param name="d" select="$m/@since"/></xsl:call-template></dd>
          </dl>
          <xsl:apply-templates select="$m/personal" mode="reg"/>
          <xsl:if test="$m/licence/upload">
            <h3><xsl:call-template name="t"><xsl:with-param name="k" select="'reg.f.licence'"/></xsl:call-template></h3>
            <xsl:for-each select="$m/licence/upload">
              <xsl:call-template name="upload-preview"><xsl:with-param name="delete" select="'none'"/></xsl:call-template>
            </xsl:for-each>
          </xsl:if>
          <ul class="link-cards">
            <li class="link-card">
              <a class="link-card-link" href="/member/contact">
                <xsl:call-template name="t"><xsl:with-param name="k" select="'reg.member.edit-contact'"/></xsl:call-template>
              </a>
              <p class="link-note"><xsl:call-template name="t"><xsl:with-param name="k" select="'reg.member.edit-contact.note'"/></xsl:call-template></p>
            </li>
            <li class="link-card">
              <a class="link-card-link" href="/member/change">
                <xsl:call-template name="t"><xsl:with-param name="k" select="'reg.member.request-change'"/></xsl:call-template>
              </a>
              <p class="link-note"><xsl:call-template name="t"><xsl:with-param name="k" select="'reg.member.request-change.note'"/></xsl:call-template></p>
            </li>
          </ul>
        </section>
        <section class="reg-summary" aria-labelledby="member-affiliation-title">
          <h2 id="member-affiliation-title">
            <xsl:call-template name="t"><xsl:with-param name="k" select="'member.affiliation'"/></xsl:call-template>
          </h2>
          <xsl:choose>
            <xsl:when test="$m/affiliation/item">
              <xsl:apply-templates select="$m/affiliation" mode="reg"/>
            </xsl:when>
            <xsl:otherwise>
              <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'member.affiliation.none'"/></xsl:call-template></p>
            </xsl:otherwise>
          </xsl:choose>
        </section>
        <section class="reg-summary" aria-labelledby="member-certs-title">
          <h2 id="member-certs-title">
            <xsl:call-template name="t"><xsl:with-param name="k" select="'member.certs'"/></xsl:call-template>
          </h2>
          <xsl:choose>
            <xsl:when test="$m/certifications/cert">
              <div class="table-wrap">
              <table class="data stack">
                <thead>
                  <tr>
                    <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'member.cert.kind'"/></xsl:call-template></th>
                    <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'member.cert.number'"/></xsl:call-template></th>
                    <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'member.cert.date'"/></xsl:call-template></th>
                  </tr>
                </thead>
                <tbody>
                  <xsl:for-each select="$m/certifications/cert">
                    <tr>
                      <td><xsl:value-of select="@kind"/></td>
                      <td><xsl:value-of select="@number"/></td>
                      <td><xsl:call-template name="date"><xsl:with-param name="d" select="@date"/></xsl:call-template></td>
                    </tr>
                  </xsl:for-each>
                </tbody>
              </table>
              </div>
            </xsl:when>
            <xsl:otherwise>
              <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'member.certs.none'"/></xsl:call-template></p>
            </xsl:otherwise>
          </xsl:choose>
          <p class="field-hint"><xsl:call-template name="t"><xsl:with-param name="k" select="'member.certs.note'"/></xsl:call-template></p>
        </section>
        <xsl:if test="$m/training">
        <section class="reg-training" aria-labelledby="reg-training-title">
          <h2 id="reg-training-title">
            <xsl:call-template name="t"><xsl:with-param name="k" select="'reg.member.training'"/></xsl:call-template>
          </h2>
          <xsl:choose>
            <xsl:when test="$m/training/period">
              <ul class="notice-list">
                <xsl:for-each select="$m/training/period">
                  <li class="notice">
                    <p class="notice-title">
                      <xsl:value-of select="@domain-name"/>
                      <xsl:text>　</xsl:text>
                      <xsl:value-of select="facility"/>
                    </p>
                    <p class="notice-body">
                      <xsl:call-template name="reg-ym"><xsl:with-param name="ym" select="@from"/></xsl:call-template>
                      <xsl:text> 〜 </xsl:text>
                      <xsl:call-template name="reg-ym"><xsl:with-param name="ym" select="@to"/></xsl:call-template>
                      <xsl:text>　</xsl:text>
                      <strong><xsl:call-template name="t"><xsl:with-param name="k" select="concat('reg.status.', @status)"/></xsl:call-template></strong>
                      <xsl:if test="@source = 'legacy'">
                        <xsl:text>　</xsl:text>
                        <xsl:call-template name="t"><xsl:with-param name="k" select="'reg.member.from-legacy'"/></xsl:call-template>
                      </xsl:if>
                    </p>
                  </li>
                </xsl:for-each>
              </ul>
            </xsl:when>
            <xsl:otherwise>
              <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'reg.member.training.none'"/></xsl:call-template></p>
            </xsl:otherwise>
          </xsl:choose>
        </section>
        </xsl:if>
        <xsl:apply-templates select="$m/changes" mode="reg"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- "2021-03" → 「2021年3月」; empty stays empty. -->
  <xsl:template name="reg-ym">
    <xsl:param name="ym"/>
    <xsl:if test="string-length($ym) = 7">
      <xsl:choose>
        <xsl:when test="$lang = 'ja'">
          <xsl:value-of select="concat(substring($ym, 1, 4), '年', number(substring($ym, 6, 2)), '月')"/>
        </xsl:when>
        <xsl:otherwise><xsl:value-of select="$ym"/></xsl:otherwise>
      </xsl:choose>
    </xsl:if>
  </xsl:template>

  <xsl:template match="page[@name = 'member-contact']" mode="content">
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <xsl:call-template name="reg-p"><xsl:with-param name="k" select="'reg.contact.intro'"/><xsl:with-param name="class" select="'lead'"/></xsl:call-template>
    <!-- A new address waiting for its link (ACC-4). -->
    <xsl:for-each select="form[@pending-email]">
      <div class="flash flash-info" role="status">
        <p><xsl:call-template name="t"><xsl:with-param name="k" select="'reg.contact.pending'"/><xsl:with-param name="arg" select="string(@pending-email)"/></xsl:call-template></p>
        <p><xsl:call-template name="t"><xsl:with-param name="k" select="'reg.contact.pending-until'"/><xsl:with-param name="arg" select="string(@pending-until)"/></xsl:call-template></p>
      </div>
    </xsl:for-each>
    <xsl:apply-templates select="form"/>
    <p class="form-links"><a href="/member"><xsl:call-template name="t"><xsl:with-param name="k" select="'reg.member.back'"/></xsl:call-template></a></p>
  </xsl:template>

  <!-- The link mailed to a new address: @state = done|invalid|taken. -->
  <xsl:template match="page[@name = 'member-email']" mode="content">
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <xsl:choose>
      <xsl:when test="content/@state = 'done'">
        <div class="flash flash-success" role="status">
          <p><xsl:call-template name="t"><xsl:with-param name="k" select="'reg.newmail.done'"/></xsl:call-template></p>
        </div>
      </xsl:when>
      <xsl:otherwise>
        <div class="flash flash-warning" role="alert">
          <p><xsl:call-template name="t"><xsl:with-param name="k" select="concat('reg.newmail.', content/@state)"/></xsl:call-template></p>
        </div>
      </xsl:otherwise>
    </xsl:choose>
    <p class="form-actions">
      <xsl:call-template name="reg-link">
        <xsl:with-param name="href" select="'/member'"/>
        <xsl:with-param name="k" select="'reg.newmail.back'"/>
        <xsl:with-param name="class" select="'btn btn-primary'"/>
      </xsl:call-template>
    </p>
  </xsl:template>

  <xsl:template match="page[@name = 'member-change']" mode="content">
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <xsl:call-template name="reg-p"><xsl:with-param name="k" select="'reg.change.intro'"/><xsl:with-param name="class" select="'lead'"/></xsl:call-template>
    <xsl:apply-templates select="content/changes" mode="reg"/>
    <xsl:apply-templates select="form"/>
    <p class="form-links"><a href="/member"><xsl:call-template name="t"><xsl:with-param name="k" select="'reg.member.back'"/></xsl:call-template></a></p>
  </xsl:template>

  <!-- ================================================================
       The tenant admin: identity change requests
       ================================================================ -->
  <xsl:template match="page[@name = 'admin-member-changes']" mode="content">
    <xsl:variable name="only" select="content/pending/@only"/>
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <xsl:choose>
      <!-- One request, its details and the form deciding it. -->
      <xsl:when test="$only">
        <xsl:for-each select="content/pending/change">
          <section class="reg-change" aria-labelledby="reg-change-title">
            <h2 id="reg-change-title">
              <xsl:value-of select="@member-name"/>
              <xsl:text>（</xsl:text>
              <xsl:call-template name="t"><xsl:with-param name="k" select="'field.regno'"/></xsl:call-template>
              <xsl:text> </xsl:text>
              <xsl:value-of select="@regno"/>
              <xsl:text>）</xsl:text>
            </h2>
            <dl class="reg-dl">
              <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'reg.admin.field'"/></xsl:call-template></dt>
              <dd><xsl:call-template name="reg-field-name"/></dd>
              <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'reg.admin.old'"/></xsl:call-template></dt>
              <dd><xsl:value-of select="old"/></dd>
              <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'reg.admin.new'"/></xsl:call-template></dt>
              <dd><strong><xsl:value-of select="new"/></strong></dd>
              <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'reg.f.reason'"/></xsl:call-template></dt>
              <dd><xsl:value-of select="reason"/></dd>
              <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'reg.admin.requested'"/></xsl:call-template></dt>
              <dd><xsl:value-of select="@requested"/></dd>
            </dl>
            <xsl:if test="upload">
              <h3><xsl:call-template name="t"><xsl:with-param name="k" select="'reg.f.licence'"/></xsl:call-template></h3>
              <xsl:for-each select="upload">
                <xsl:call-template name="upload-preview"><xsl:with-param name="delete" select="'none'"/></xsl:call-template>
              </xsl:for-each>
            </xsl:if>
            <xsl:call-template name="reg-p"><xsl:with-param name="k" select="'reg.admin.decide'"/></xsl:call-template>
            <xsl:apply-templates select="/page/form[@id = 'member-decide']"/>
          </section>
        </xsl:for-each>
        <xsl:if test="not(content/pending/change)">
          <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'reg.err.change-gone'"/></xsl:call-template></p>
        </xsl:if>
        <p class="form-links">
          <a href="/admin/member-changes"><xsl:call-template name="t"><xsl:with-param name="k" select="'reg.admin.back'"/></xsl:call-template></a>
        </p>
      </xsl:when>
      <xsl:otherwise>
        <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'reg.admin.pending'"/></xsl:call-template></h2>
        <xsl:choose>
          <xsl:when test="content/pending/change">
            <ul class="notice-list">
              <xsl:for-each select="content/pending/change">
                <li class="notice">
                  <p class="notice-title">
                    <a href="/admin/member-changes?id={@id}">
                      <xsl:value-of select="@member-name"/>
                      <xsl:text>：</xsl:text>
                      <xsl:call-template name="reg-field-name"/>
                    </a>
                  </p>
                  <p class="notice-body">
                    <xsl:value-of select="old"/>
                    <xsl:text> → </xsl:text>
                    <strong><xsl:value-of select="new"/></strong>
                    <xsl:text>　</xsl:text>
                    <xsl:call-template name="t">
                      <xsl:with-param name="k" select="'reg.change.requested'"/>
                      <xsl:with-param name="arg" select="@requested"/>
                    </xsl:call-template>
                  </p>
                </li>
              </xsl:for-each>
            </ul>
          </xsl:when>
          <xsl:otherwise>
            <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'reg.admin.none'"/></xsl:call-template></p>
          </xsl:otherwise>
        </xsl:choose>
        <xsl:if test="content/decided/change">
          <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'reg.admin.decided'"/></xsl:call-template></h2>
          <ul class="notice-list">
            <xsl:for-each select="content/decided/change">
              <li class="notice">
                <p class="notice-title">
                  <xsl:value-of select="@member-name"/>
                  <xsl:text>：</xsl:text>
                  <xsl:call-template name="reg-field-name"/>
                  <xsl:text> </xsl:text>
                  <xsl:value-of select="old"/>
                  <xsl:text> → </xsl:text>
                  <xsl:value-of select="new"/>
                </p>
                <p class="notice-body">
                  <strong><xsl:call-template name="reg-state"/></strong>
                  <xsl:text> </xsl:text>
                  <xsl:value-of select="@decided"/>
                  <xsl:if test="comment">
                    <xsl:text>　</xsl:text>
                    <xsl:value-of select="comment"/>
                  </xsl:if>
                </p>
              </li>
            </xsl:for-each>
          </ul>
        </xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
