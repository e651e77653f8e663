<?xml version="1.0" encoding="UTF-8"?>
<!--
  register.xsl - the feature "register" (src/feature/register/register.c,
  migrate_legacy.c, member_training.c): 新規ユーザー登録 and 旧システムからの
  移行 after seed 000, and its part of 会員情報 (the training history; the
  record's pages are identity/member.xsl's).  Messages: i18n/*-register.xml
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
    migrate-lookup    @sent?
    (member, its part) <training><period domain domain-name from to status
                        source><facility/></period></training>
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
        migrate migrate-lookup migrate-start migrate-terms ',
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

  <xsl:template match="page[@name = 'register-confirm']" mode="content">
    <xsl:call-template name="reg-heading"/>
    <xsl:call-template name="reg-p"><xsl:with-param name="k" select="'reg.confirm.intro'"/><xsl:with-param name="class" select="'lead'"/></xsl:call-template>
    <xsl:apply-templates select="content/registration" mode="reg"/>
    <section class="reg-summary" aria-labelledby="reg-personal-title">
      <h2 id="reg-personal-title">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'reg.summary.personal'"/></xsl:call-template>
      </h2>
      <xsl:apply-templates select="content/personal" mode="member"/>
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
       The board's part of 会員情報 (identity/member.xsl; member_training.c)
       ================================================================ -->
  <xsl:template match="training" mode="member-part">
    <section class="reg-training" aria-labelledby="reg-training-title">
      <h2 id="reg-training-title">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'reg.member.training'"/></xsl:call-template>
      </h2>
      <xsl:choose>
        <xsl:when test="period">
          <ul class="notice-list">
            <xsl:for-each select="period">
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

</xsl:stylesheet>
