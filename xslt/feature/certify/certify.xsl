<?xml version="1.0" encoding="UTF-8"?>
<!--
  certify.xsl - the palliative society's certification (feature
  "certify"; issue 11, PAL-1..PAL-12, seed 002; src/feature/certify/):
  the member menu's pages (マイページTOP, 指導医, 専門医, 認定医, 施設認定),
  症例登録 / 症例承認, the 一次申請 form's applicant block, and the staff's
  registries.  Models:

    <content><certify name? supervisor? q?>
      <cases approved needed exempt?/>
      <offerings><item kind key href><note key arg?/></item>…</offerings>
      <supervisor number name kana from to/>?
      <facilities count><facility id cert code name pref kind from to/>…</facilities>
      <case-list approved>…</case-list>, <case …/> (certify_case.c)
    </certify></content>

  Everything works without JavaScript; tables stack at 375 px
  (table.data.stack).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template match="page[starts-with(@name, 'certify-')]" mode="title">
    <xsl:call-template name="t"><xsl:with-param name="k" select="concat('title.', @name)"/></xsl:call-template>
  </xsl:template>

  <!-- The 専門医 menu: each kind with its window, reason or 申請済みです。 -->
  <xsl:template match="offerings" mode="certify">
    <div class="table-wrap">
      <table class="data stack certify-offerings">
        <tbody>
          <xsl:for-each select="item">
            <tr>
              <th scope="row">
                <xsl:choose>
                  <xsl:when test="note/@key = 'apply.menu.window'">
                    <a href="{@href}"><xsl:call-template name="t"><xsl:with-param name="k" select="@key"/></xsl:call-template></a>
                  </xsl:when>
                  <xsl:otherwise>
                    <xsl:call-template name="t"><xsl:with-param name="k" select="@key"/></xsl:call-template>
                  </xsl:otherwise>
                </xsl:choose>
              </th>
              <td class="certify-note" data-kind="{@kind}">
                <xsl:call-template name="t">
                  <xsl:with-param name="k" select="note/@key"/>
                  <xsl:with-param name="arg" select="note/@arg"/>
                </xsl:call-template>
                <xsl:if test="note/@key = 'apply.menu.applied' or note/@key = 'apply.why.outside'">
                  <xsl:text> </xsl:text>
                  <a href="{@href}"><xsl:call-template name="t"><xsl:with-param name="k" select="'certify.case.view'"/></xsl:call-template></a>
                </xsl:if>
              </td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </div>
  </xsl:template>

  <xsl:template match="cases" mode="certify">
    <p class="certify-cases">
      <xsl:choose>
        <xsl:when test="@exempt = '1'">
          <xsl:call-template name="t"><xsl:with-param name="k" select="'certify.top.exempt'"/></xsl:call-template>
        </xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="t">
            <xsl:with-param name="k" select="'certify.top.cases'"/>
            <xsl:with-param name="arg" select="@approved"/>
          </xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:text> </xsl:text>
      <a href="/cases"><xsl:call-template name="t"><xsl:with-param name="k" select="'menu.certify.cases'"/></xsl:call-template></a>
    </p>
  </xsl:template>

  <!-- Its part of 現在の状況: the approved case reports of the 20. -->
  <xsl:template match="certify-cases" mode="dashboard-part">
    <section class="dashboard-part certify-dashboard">
      <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'menu.certify.cases'"/></xsl:call-template></h2>
      <xsl:apply-templates select="." mode="certify-count"/>
    </section>
  </xsl:template>

  <xsl:template match="certify-cases | cases" mode="certify-count">
    <p class="certify-cases">
      <xsl:choose>
        <xsl:when test="@exempt = '1'">
          <xsl:call-template name="t"><xsl:with-param name="k" select="'certify.top.exempt'"/></xsl:call-template>
        </xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="t">
            <xsl:with-param name="k" select="'certify.top.cases'"/>
            <xsl:with-param name="arg" select="@approved"/>
          </xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:text> </xsl:text>
      <a href="/cases"><xsl:call-template name="t"><xsl:with-param name="k" select="'menu.certify.cases'"/></xsl:call-template></a>
    </p>
  </xsl:template>

  <xsl:template match="page[@name = 'certify-top']" mode="content">
    <xsl:variable name="c" select="content/certify"/>
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <p class="lead"><xsl:call-template name="t"><xsl:with-param name="k" select="'certify.top.hello'"/><xsl:with-param name="arg" select="$c/@name"/></xsl:call-template></p>
    <xsl:apply-templates select="$c/cases" mode="certify"/>
    <xsl:if test="$c/@supervisor = '1'">
      <p><a href="/cases/review"><xsl:call-template name="t"><xsl:with-param name="k" select="'certify.top.review'"/></xsl:call-template></a></p>
    </xsl:if>
    <h2><a href="/certify/specialist"><xsl:call-template name="t"><xsl:with-param name="k" select="'menu.certify.specialist'"/></xsl:call-template></a></h2>
    <xsl:apply-templates select="$c/offerings" mode="certify"/>
  </xsl:template>

  <xsl:template match="page[@name = 'certify-specialist']" mode="content">
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <ul><li><xsl:call-template name="t"><xsl:with-param name="k" select="'certify.specialist.outside'"/></xsl:call-template></li></ul>
    <xsl:apply-templates select="content/certify/offerings" mode="certify"/>
    <p class="hint"><xsl:call-template name="t"><xsl:with-param name="k" select="'certify.specialist.note'"/></xsl:call-template></p>
  </xsl:template>

  <xsl:template match="page[@name = 'certify-supervisor']" mode="content">
    <xsl:variable name="s" select="content/certify/supervisor"/>
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <p class="lead"><xsl:call-template name="t"><xsl:with-param name="k" select="'certify.supervisor.intro'"/></xsl:call-template></p>
    <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'certify.supervisor.record'"/></xsl:call-template></h2>
    <xsl:choose>
      <xsl:when test="$s">
        <dl class="kv">
          <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'certify.sup.number'"/></xsl:call-template></dt><dd><xsl:value-of select="$s/@number"/></dd>
          <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'certify.sup.name'"/></xsl:call-template></dt><dd><xsl:value-of select="$s/@name"/> (<xsl:value-of select="$s/@kana"/>)</dd>
          <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'certify.sup.period'"/></xsl:call-template></dt><dd><xsl:value-of select="$s/@from"/> ~ <xsl:value-of select="$s/@to"/></dd>
        </dl>
      </xsl:when>
      <xsl:otherwise><p><xsl:call-template name="t"><xsl:with-param name="k" select="'certify.supervisor.none'"/></xsl:call-template></p></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="page[@name = 'certify-certified']" mode="content">
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <p class="lead"><xsl:call-template name="t"><xsl:with-param name="k" select="'certify.certified.intro'"/></xsl:call-template></p>
    <p><a href="/member"><xsl:call-template name="t"><xsl:with-param name="k" select="'certify.applicant.change'"/></xsl:call-template></a></p>
  </xsl:template>

  <!-- The facilities' table (施設認定, the staff's registry). -->
  <xsl:template match="facilities" mode="certify">
    <xsl:param name="edit" select="false()"/>
    <p><xsl:call-template name="t"><xsl:with-param name="k" select="'certify.count'"/><xsl:with-param name="arg" select="@count"/></xsl:call-template></p>
    <xsl:if test="facility">
      <div class="table-wrap">
        <table class="data stack">
          <thead><tr>
            <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'certify.fac.code'"/></xsl:call-template></th>
            <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'certify.fac.name'"/></xsl:call-template></th>
            <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'certify.fac.pref'"/></xsl:call-template></th>
            <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'certify.fac.kind'"/></xsl:call-template></th>
            <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'certify.fac.period'"/></xsl:call-template></th>
          </tr></thead>
          <tbody>
            <xsl:for-each select="facility">
              <tr>
                <td><xsl:value-of select="@code"/></td>
                <td>
                  <xsl:choose>
                    <xsl:when test="$edit"><a href="/admin/certify/facilities/{@id}"><xsl:value-of select="@name"/></a></xsl:when>
                    <xsl:otherwise><xsl:value-of select="@name"/></xsl:otherwise>
                  </xsl:choose>
                </td>
                <td><xsl:value-of select="@pref"/></td>
                <td><xsl:call-template name="t"><xsl:with-param name="k" select="concat('certify.fkind.', @kind)"/></xsl:call-template></td>
                <td><xsl:value-of select="@from"/> ~ <xsl:value-of select="@to"/></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </div>
    </xsl:if>
  </xsl:template>

  <xsl:template name="certify-search">
    <xsl:param name="action"/>
    <xsl:param name="q"/>
    <form class="form form-inline" method="get" action="{$action}">
      <label for="certify-q"><xsl:call-template name="t"><xsl:with-param name="k" select="'certify.q'"/></xsl:call-template></label>
      <input id="certify-q" type="search" name="q" value="{$q}" maxlength="100"/>
      <button type="submit" class="btn btn-secondary"><xsl:call-template name="t"><xsl:with-param name="k" select="'certify.btn.search'"/></xsl:call-template></button>
    </form>
  </xsl:template>

  <xsl:template match="page[@name = 'certify-facilities']" mode="content">
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <p class="lead"><xsl:call-template name="t"><xsl:with-param name="k" select="'certify.facilities.intro'"/></xsl:call-template></p>
    <xsl:call-template name="certify-search">
      <xsl:with-param name="action" select="'/certify/facilities'"/>
      <xsl:with-param name="q" select="content/certify/@q"/>
    </xsl:call-template>
    <xsl:apply-templates select="content/certify/facilities" mode="certify"/>
  </xsl:template>

  <!-- 一次申請's form (PAL-4): the applicant read-only above the form. -->
  <xsl:template match="page[@name = 'apply-form' and (content/apply/@kind = 'first' or content/apply/@kind = 'transition-first')]" mode="apply-page" priority="2">
    <xsl:variable name="a" select="content/apply"/>
    <xsl:variable name="p" select="$a/applicant"/>
    <xsl:call-template name="apply-head"/>
    <p class="lead"><xsl:call-template name="t"><xsl:with-param name="k" select="'certify.first.intro'"/></xsl:call-template></p>
    <section class="certify-applicant">
      <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'certify.applicant'"/></xsl:call-template></h2>
      <dl class="kv">
        <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'certify.applicant.kana'"/></xsl:call-template></dt><dd><xsl:value-of select="$p/@kana"/></dd>
        <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'certify.applicant.name'"/></xsl:call-template></dt><dd><xsl:value-of select="$p/@name"/></dd>
        <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'certify.applicant.member-no'"/></xsl:call-template></dt><dd><xsl:value-of select="$p/@member-no"/></dd>
        <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'certify.applicant.email'"/></xsl:call-template></dt><dd><xsl:value-of select="$p/@email"/></dd>
      </dl>
      <p><a href="{$p/@href}"><xsl:call-template name="t"><xsl:with-param name="k" select="'certify.applicant.change'"/></xsl:call-template></a></p>
    </section>
    <p class="hint"><xsl:call-template name="t"><xsl:with-param name="k" select="'certify.first.receipt-hint'"/></xsl:call-template></p>
    <p class="hint"><xsl:call-template name="t"><xsl:with-param name="k" select="'certify.first.sites-hint'"/></xsl:call-template></p>
    <xsl:apply-templates select="form"/>
    <p class="hint"><xsl:call-template name="t"><xsl:with-param name="k" select="'certify.first.caution'"/></xsl:call-template></p>
    <p><a href="{$a/@href}"><xsl:call-template name="t"><xsl:with-param name="k" select="'apply.btn.top'"/></xsl:call-template></a></p>
  </xsl:template>

  <!-- ================================================================
       症例登録 / 症例承認 (PAL-3)
       ================================================================ -->
  <xsl:template name="certify-state">
    <xsl:param name="s"/>
    <span class="badge case-{$s}"><xsl:call-template name="t"><xsl:with-param name="k" select="concat('certify.case.state.', $s)"/></xsl:call-template></span>
  </xsl:template>

  <xsl:template match="case-list" mode="certify">
    <xsl:param name="href"/>
    <xsl:choose>
      <xsl:when test="case">
        <div class="table-wrap">
          <table class="data stack">
            <thead><tr>
              <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'certify.case.no'"/></xsl:call-template></th>
              <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'certify.case.state'"/></xsl:call-template></th>
              <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'certify.case.f.diagnosis'"/></xsl:call-template></th>
              <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'certify.case.f.setting'"/></xsl:call-template></th>
              <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'certify.case.f.from'"/></xsl:call-template></th>
              <th scope="col">
                <xsl:choose>
                  <xsl:when test="$href = '/cases/review'"><xsl:call-template name="t"><xsl:with-param name="k" select="'certify.case.member'"/></xsl:call-template></xsl:when>
                  <xsl:otherwise><xsl:call-template name="t"><xsl:with-param name="k" select="'certify.case.f.supervisor'"/></xsl:call-template></xsl:otherwise>
                </xsl:choose>
              </th>
              <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'certify.case.updated'"/></xsl:call-template></th>
            </tr></thead>
            <tbody>
              <xsl:for-each select="case">
                <tr>
                  <td><a href="{$href}/{@id}"><xsl:value-of select="@id"/></a></td>
                  <td>
                    <xsl:call-template name="certify-state"><xsl:with-param name="s" select="@state"/></xsl:call-template>
                    <xsl:if test="@state = 'returned' and $href = '/cases'">
                      <xsl:text> </xsl:text><a href="{$href}/{@id}"><xsl:call-template name="t"><xsl:with-param name="k" select="'certify.case.edit'"/></xsl:call-template></a>
                    </xsl:if>
                    <xsl:if test="comment and @state = 'returned'"><p class="hint"><xsl:value-of select="comment"/></p></xsl:if>
                  </td>
                  <td><xsl:value-of select="@diagnosis"/></td>
                  <td><xsl:call-template name="t"><xsl:with-param name="k" select="concat('certify.case.f.setting.', @setting)"/></xsl:call-template></td>
                  <td><xsl:value-of select="@from"/> ~ <xsl:value-of select="@to"/></td>
                  <td><xsl:value-of select="@who"/></td>
                  <td><xsl:call-template name="apply-dt"><xsl:with-param name="t" select="@updated"/></xsl:call-template></td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </div>
      </xsl:when>
      <xsl:otherwise><p><xsl:call-template name="t"><xsl:with-param name="k" select="'certify.none'"/></xsl:call-template></p></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="page[@name = 'certify-cases']" mode="content">
    <xsl:variable name="l" select="content/certify/case-list"/>
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <p class="lead"><xsl:call-template name="t"><xsl:with-param name="k" select="'certify.case.intro'"/></xsl:call-template></p>
    <p class="certify-approved"><strong><xsl:call-template name="t"><xsl:with-param name="k" select="'certify.case.approved'"/><xsl:with-param name="arg" select="$l/@approved"/></xsl:call-template></strong></p>
    <p><a class="btn btn-primary" href="/cases/new"><xsl:call-template name="t"><xsl:with-param name="k" select="'certify.case.new'"/></xsl:call-template></a></p>
    <xsl:apply-templates select="$l" mode="certify"><xsl:with-param name="href" select="'/cases'"/></xsl:apply-templates>
  </xsl:template>

  <!-- A case report: its form (new, or one the member may still edit)
       or the report read-only, chosen here and not by the pattern, so
       that the rule is known by the page's name alone (render.c's
       apply_page(), issue 10). -->
  <xsl:template match="page[@name = 'certify-case-new' or @name = 'certify-case']" mode="content">
    <xsl:choose>
      <xsl:when test="@name = 'certify-case-new' or form"><xsl:call-template name="certify-case-form"/></xsl:when>
      <xsl:otherwise><xsl:call-template name="certify-case-view"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="certify-case-form">
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <xsl:if test="content/certify/comment">
      <div class="notice notice-warning">
        <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'certify.case.comment'"/></xsl:call-template></h2>
        <p class="pre"><xsl:value-of select="content/certify/comment"/></p>
      </div>
    </xsl:if>
    <p class="hint"><xsl:call-template name="t"><xsl:with-param name="k" select="'certify.case.sq-hint'"/></xsl:call-template></p>
    <xsl:apply-templates select="form"/>
    <p><a href="/cases"><xsl:call-template name="t"><xsl:with-param name="k" select="'menu.certify.cases'"/></xsl:call-template></a></p>
  </xsl:template>

  <!-- One report, read-only. -->
  <xsl:template match="case" mode="certify">
    <dl class="kv">
      <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'certify.case.state'"/></xsl:call-template></dt>
      <dd><xsl:call-template name="certify-state"><xsl:with-param name="s" select="@state"/></xsl:call-template></dd>
      <xsl:if test="@member != ''">
        <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'certify.case.member'"/></xsl:call-template></dt><dd><xsl:value-of select="@member"/></dd>
      </xsl:if>
      <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'certify.case.f.age'"/></xsl:call-template></dt>
      <dd><xsl:call-template name="t"><xsl:with-param name="k" select="concat('certify.case.f.age.', @age)"/></xsl:call-template></dd>
      <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'certify.case.f.sex'"/></xsl:call-template></dt>
      <dd><xsl:call-template name="t"><xsl:with-param name="k" select="concat('certify.case.f.sex.', @sex)"/></xsl:call-template></dd>
      <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'certify.case.f.diagnosis'"/></xsl:call-template></dt><dd><xsl:value-of select="@diagnosis"/></dd>
      <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'certify.case.f.setting'"/></xsl:call-template></dt>
      <dd><xsl:call-template name="t"><xsl:with-param name="k" select="concat('certify.case.f.setting.', @setting)"/></xsl:call-template></dd>
      <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'certify.case.f.from'"/></xsl:call-template></dt><dd><xsl:value-of select="@from"/> ~ <xsl:value-of select="@to"/></dd>
      <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'certify.case.f.supervisor'"/></xsl:call-template></dt><dd><xsl:value-of select="@supervisor"/></dd>
      <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'certify.case.f.summary'"/></xsl:call-template></dt><dd class="pre"><xsl:value-of select="summary"/></dd>
      <xsl:if test="comment">
        <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'certify.case.comment'"/></xsl:call-template></dt><dd class="pre"><xsl:value-of select="comment"/></dd>
      </xsl:if>
    </dl>
  </xsl:template>

  <xsl:template name="certify-case-view">
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <xsl:apply-templates select="content/certify/case" mode="certify"/>
    <p><a href="/cases"><xsl:call-template name="t"><xsl:with-param name="k" select="'menu.certify.cases'"/></xsl:call-template></a></p>
  </xsl:template>

  <xsl:template match="page[@name = 'certify-review']" mode="content">
    <xsl:variable name="c" select="content/certify"/>
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <xsl:choose>
      <xsl:when test="$c/@not-registered = '1'">
        <p class="notice notice-warning"><xsl:call-template name="t"><xsl:with-param name="k" select="'certify.review.not-registered'"/></xsl:call-template></p>
      </xsl:when>
      <xsl:otherwise>
        <p class="lead"><xsl:call-template name="t"><xsl:with-param name="k" select="'certify.review.intro'"/></xsl:call-template></p>
        <p><strong><xsl:call-template name="t"><xsl:with-param name="k" select="'certify.review.pending'"/><xsl:with-param name="arg" select="$c/case-list/@pending"/></xsl:call-template></strong></p>
        <xsl:apply-templates select="$c/case-list" mode="certify"><xsl:with-param name="href" select="'/cases/review'"/></xsl:apply-templates>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="page[@name = 'certify-review-case']" mode="content">
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <xsl:apply-templates select="content/certify/case" mode="certify"/>
    <xsl:apply-templates select="form"/>
    <p><a href="/cases/review"><xsl:call-template name="t"><xsl:with-param name="k" select="'menu.certify.review'"/></xsl:call-template></a></p>
  </xsl:template>

  <!-- ================================================================
       The staff's registries (PAL-12)
       ================================================================ -->
  <xsl:template match="page[@name = 'certify-admin']" mode="content">
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <p class="lead"><xsl:call-template name="t"><xsl:with-param name="k" select="'certify.admin.intro'"/></xsl:call-template></p>
    <ul class="link-cards">
      <xsl:for-each select="content/certify/registry">
        <li class="link-card">
          <xsl:choose>
            <xsl:when test="@editable = '1'">
              <a class="link-card-link" href="/admin/certify/{@name}"><xsl:call-template name="t"><xsl:with-param name="k" select="concat('title.certify-admin-', @name)"/></xsl:call-template></a>
            </xsl:when>
            <xsl:otherwise>
              <a class="link-card-link" href="/admin/certify/{@name}/import"><xsl:call-template name="t"><xsl:with-param name="k" select="concat('title.certify-import-', @name)"/></xsl:call-template></a>
            </xsl:otherwise>
          </xsl:choose>
        </li>
      </xsl:for-each>
      <li class="link-card"><a class="link-card-link" href="/admin/offerings"><xsl:call-template name="t"><xsl:with-param name="k" select="'menu.offerings'"/></xsl:call-template></a></li>
    </ul>
  </xsl:template>

  <xsl:template match="page[@name = 'certify-admin-list']" mode="title" priority="2">
    <xsl:call-template name="t"><xsl:with-param name="k" select="concat('title.certify-admin-', content/certify/@reg)"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="page[@name = 'certify-admin-list']" mode="content">
    <xsl:variable name="c" select="content/certify"/>
    <xsl:variable name="base" select="concat('/admin/certify/', $c/@reg)"/>
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <p>
      <a class="btn btn-primary" href="{$base}/new"><xsl:call-template name="t"><xsl:with-param name="k" select="'certify.admin.new'"/></xsl:call-template></a>
      <xsl:text> </xsl:text>
      <a class="btn btn-secondary" href="{$base}/import"><xsl:call-template name="t"><xsl:with-param name="k" select="'certify.admin.import'"/></xsl:call-template></a>
    </p>
    <form class="form form-inline" method="get" action="{$base}">
      <label for="certify-aq"><xsl:call-template name="t"><xsl:with-param name="k" select="'certify.btn.search'"/></xsl:call-template></label>
      <input id="certify-aq" type="search" name="q" value="{$c/@q}" maxlength="100"/>
      <button type="submit" class="btn btn-secondary"><xsl:call-template name="t"><xsl:with-param name="k" select="'certify.btn.search'"/></xsl:call-template></button>
    </form>
    <p><xsl:call-template name="t"><xsl:with-param name="k" select="'certify.count'"/><xsl:with-param name="arg" select="$c/registry/@count"/></xsl:call-template></p>
    <div class="table-wrap">
      <table class="data stack">
        <thead><tr>
          <xsl:for-each select="$c/registry/head">
            <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="@key"/></xsl:call-template></th>
          </xsl:for-each>
          <th scope="col"><span class="visually-hidden"><xsl:call-template name="t"><xsl:with-param name="k" select="'certify.admin.edit'"/></xsl:call-template></span></th>
        </tr></thead>
        <tbody>
          <xsl:for-each select="$c/registry/row">
            <tr>
              <xsl:for-each select="cell"><td><xsl:value-of select="."/></td></xsl:for-each>
              <td><a href="{$base}/{@id}"><xsl:call-template name="t"><xsl:with-param name="k" select="'certify.admin.edit'"/></xsl:call-template></a></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </div>
  </xsl:template>

  <xsl:template match="page[@name = 'certify-admin-edit']" mode="title" priority="2">
    <xsl:call-template name="t"><xsl:with-param name="k" select="concat('title.certify-admin-edit-', content/certify/@reg)"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="page[@name = 'certify-admin-edit']" mode="content">
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <xsl:apply-templates select="form"/>
    <p><a href="/admin/certify/{content/certify/@reg}"><xsl:call-template name="t"><xsl:with-param name="k" select="'import.back'"/></xsl:call-template></a></p>
  </xsl:template>

</xsl:stylesheet>
