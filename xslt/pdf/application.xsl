<?xml version="1.0" encoding="UTF-8"?>
<!--
  application.xsl - any application as a PDF (CORE-20, issue 9 item 6),
  from the one model the page, the snapshot and the PDF share
  (src/apply/apply.c, apply_app_model()):
    <application kind title number state version created-at updated-at
        submitted-at …><window/><return-comment/>?
      <section name title max state updated-at rows>
        <row id valid><value name key label? value-key?>raw</value>…</row>
      </section>…
      <shortfalls><shortfall key arg? arg-key?/>…</shortfalls>?
    </application>
  found anywhere in the input (a page's /page/content, or a snapshot).
  Page 1 is the cover; each section follows, a repeating section as a
  table (its head on every page it runs over), a single form as
  key/value rows.  A draft ($draft = '1') carries 「申請未完了」 on every
  page but the cover (the engine adds it to any PDF_DRAFT too).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:include href="print.xsl"/>

  <xsl:template match="/">
    <xsl:apply-templates select="(//application)[1]" mode="print"/>
  </xsl:template>

  <xsl:template match="application" mode="print">
    <xsl:variable name="title">
      <xsl:call-template name="t"><xsl:with-param name="k" select="@title"/></xsl:call-template>
    </xsl:variable>
    <print title="{$title} {@number}">
      <xsl:if test="$draft = '1'">
        <mark><xsl:call-template name="t"><xsl:with-param name="k" select="'pdf.draft'"/></xsl:call-template></mark>
      </xsl:if>
      <!-- The cover. -->
      <space mm="30"/>
      <title><xsl:value-of select="$title"/></title>
      <paragraph align="center" size="12"><xsl:value-of select="$site-name"/></paragraph>
      <space mm="15"/>
      <kv>
        <xsl:if test="@number">
          <xsl:call-template name="kv-row">
            <xsl:with-param name="k" select="'apply.number'"/>
            <xsl:with-param name="v" select="@number"/>
          </xsl:call-template>
        </xsl:if>
        <xsl:call-template name="kv-row">
          <xsl:with-param name="k" select="'apply.state'"/>
          <xsl:with-param name="v"><xsl:call-template name="t"><xsl:with-param name="k" select="concat('apply.state.', @state)"/></xsl:call-template></xsl:with-param>
        </xsl:call-template>
        <xsl:if test="@uid">
          <xsl:call-template name="kv-row">
            <xsl:with-param name="k" select="'pdf.app.applicant'"/>
            <xsl:with-param name="v" select="@uid"/>
          </xsl:call-template>
        </xsl:if>
        <xsl:if test="@submitted-at">
          <xsl:call-template name="kv-row">
            <xsl:with-param name="k" select="'apply.submitted-at'"/>
            <xsl:with-param name="v" select="@submitted-at"/>
          </xsl:call-template>
        </xsl:if>
        <xsl:if test="@version > 0">
          <xsl:call-template name="kv-row">
            <xsl:with-param name="k" select="'pdf.app.version'"/>
            <xsl:with-param name="v" select="@version"/>
          </xsl:call-template>
        </xsl:if>
        <xsl:if test="@updated-at">
          <xsl:call-template name="kv-row">
            <xsl:with-param name="k" select="'apply.col.updated'"/>
            <xsl:with-param name="v" select="@updated-at"/>
          </xsl:call-template>
        </xsl:if>
        <xsl:if test="window/@text">
          <xsl:call-template name="kv-row">
            <xsl:with-param name="k" select="'apply.window'"/>
            <xsl:with-param name="v" select="window/@text"/>
          </xsl:call-template>
        </xsl:if>
      </kv>
      <xsl:if test="$draft = '1'">
        <paragraph align="center" size="11" weight="bold">
          <xsl:call-template name="t"><xsl:with-param name="k" select="'pdf.draft.note'"/></xsl:call-template>
        </paragraph>
      </xsl:if>
      <pagebreak/>

      <xsl:if test="normalize-space(return-comment) != ''">
        <heading><xsl:call-template name="t"><xsl:with-param name="k" select="concat('pdf.app.', substring('reject-reason', 1, 13 * (@state = 'rejected')), substring('return-comment', 1, 14 * (@state != 'rejected')))"/></xsl:call-template></heading>
        <paragraph><xsl:value-of select="return-comment"/></paragraph>
      </xsl:if>
      <xsl:if test="shortfalls/shortfall">
        <heading><xsl:call-template name="t"><xsl:with-param name="k" select="'apply.shortfalls'"/></xsl:call-template></heading>
        <xsl:for-each select="shortfalls/shortfall">
          <paragraph>
            <xsl:text>・</xsl:text>
            <xsl:call-template name="t">
              <xsl:with-param name="k" select="@key"/>
              <xsl:with-param name="arg">
                <xsl:choose>
                  <xsl:when test="@arg-key"><xsl:call-template name="t"><xsl:with-param name="k" select="@arg-key"/></xsl:call-template></xsl:when>
                  <xsl:otherwise><xsl:value-of select="@arg"/></xsl:otherwise>
                </xsl:choose>
              </xsl:with-param>
            </xsl:call-template>
          </paragraph>
        </xsl:for-each>
      </xsl:if>
      <xsl:apply-templates select="section" mode="print"/>
    </print>
  </xsl:template>

  <!-- A value as the page shows it: its label, its option's message, or itself. -->
  <xsl:template match="value" mode="print">
    <xsl:choose>
      <xsl:when test="@label"><xsl:value-of select="@label"/></xsl:when>
      <xsl:when test="@value-key"><xsl:call-template name="t"><xsl:with-param name="k" select="@value-key"/></xsl:call-template></xsl:when>
      <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="section" mode="print">
    <heading><xsl:call-template name="t"><xsl:with-param name="k" select="@title"/></xsl:call-template></heading>
    <paragraph size="9">
      <xsl:call-template name="t"><xsl:with-param name="k" select="'apply.col.state'"/></xsl:call-template>
      <xsl:text>: </xsl:text>
      <xsl:call-template name="t"><xsl:with-param name="k" select="concat('apply.section.', @state)"/></xsl:call-template>
      <xsl:if test="@updated-at">
        <xsl:text>　</xsl:text>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'apply.col.updated'"/></xsl:call-template>
        <xsl:value-of select="concat(': ', @updated-at)"/>
      </xsl:if>
    </paragraph>
    <xsl:choose>
      <xsl:when test="not(row)">
        <paragraph><xsl:call-template name="t"><xsl:with-param name="k" select="'apply.no-rows'"/></xsl:call-template></paragraph>
      </xsl:when>
      <!-- One form: its fields as key/value rows. -->
      <xsl:when test="@max = 0">
        <kv>
          <xsl:for-each select="row[1]/value">
            <row>
              <k><xsl:call-template name="t"><xsl:with-param name="k" select="@key"/></xsl:call-template></k>
              <v><xsl:apply-templates select="." mode="print"/></v>
            </row>
          </xsl:for-each>
        </kv>
      </xsl:when>
      <!-- Repeating rows: a table whose head is the fields' labels. -->
      <xsl:otherwise>
        <table>
          <!-- The row number narrow, the fields alike. -->
          <xsl:attribute name="widths">1<xsl:for-each select="row[1]/value"> 4</xsl:for-each></xsl:attribute>
          <head>
            <row>
              <c>#</c>
              <xsl:for-each select="row[1]/value">
                <c><xsl:call-template name="t"><xsl:with-param name="k" select="@key"/></xsl:call-template></c>
              </xsl:for-each>
            </row>
          </head>
          <xsl:for-each select="row">
            <row>
              <c><xsl:value-of select="position()"/></c>
              <xsl:for-each select="value">
                <c><xsl:apply-templates select="." mode="print"/></c>
              </xsl:for-each>
            </row>
          </xsl:for-each>
        </table>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
